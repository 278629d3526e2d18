using Bot.Conversations.Team;

namespace Bot.Conversations.Customers;

/// <summary>Who a message is about, within the asking user's scope.</summary>
public abstract record CustomerResolution
{
    /// <summary>One customer; <see cref="Certain"/> is false when it was found by an everyday word or a typo.</summary>
    public sealed record Resolved(long CustomerId, long? ContactId, string Mention, bool Certain = true) : CustomerResolution;

    /// <summary>Several of the user's customers fit; the dialog asks which one.</summary>
    public sealed record Ambiguous(string Mention, IReadOnlyList<long> CustomerIds) : CustomerResolution;

    /// <summary>The name only fits customers the user may not see: reported as such, never resolved.</summary>
    public sealed record OutOfScope(string Mention) : CustomerResolution;

    public sealed record NotMentioned : CustomerResolution;

    /// <summary>
    /// The first customer name decides, narrowed by a contact named with it; without one, the first contact. A full
    /// name that is also a colleague's means the colleague ("张伟这周跟进了几个"); 张总 still means the contact.
    /// </summary>
    public static CustomerResolution Resolve(IReadOnlyList<NameMatch> found, Func<long, long?> ownerOf, UserScope scope)
    {
        bool InScope(long customerId) => scope.Covers(ownerOf(customerId));
        var matches = found.Select(m => m.Members.Count > 0 ? m with { Contacts = [], ContactsByCustomer = null } : m).ToList();
        var contactMatches = matches.Where(m => m.Contacts.Count > 0).ToList();
        var firstCustomer = matches.FirstOrDefault(m => m.CustomerIds.Count > 0);

        if (firstCustomer is not null)
        {
            var candidates = firstCustomer.CustomerIds.Where(InScope).ToList();
            if (candidates.Count == 0)
                return new OutOfScope(firstCustomer.Text);
            var contacts = contactMatches.SelectMany(m => candidates.SelectMany(m.ContactsOf)).ToList();
            if (candidates.Count > 1 && contacts.Select(c => c.CustomerId).Distinct().Count() == 1)
                candidates = [contacts[0].CustomerId];
            if (candidates.Count > 1)
                return new Ambiguous(firstCustomer.Text, candidates);
            var contact = contacts.FirstOrDefault(c => c.CustomerId == candidates[0]);
            var certain = !firstCustomer.Weak || contact is not null;
            return new Resolved(candidates[0], contact?.Id, firstCustomer.Text, certain);
        }

        if (contactMatches.Count > 0)
        {
            var first = contactMatches[0];
            var inScope = first.Contacts.Where(c => InScope(c.CustomerId)).ToList();
            if (inScope.Count == 0)
                return new OutOfScope(first.Text);
            var customers = inScope.Select(c => c.CustomerId).Distinct().ToList();
            return customers.Count == 1
                ? new Resolved(customers[0], inScope[0].Id, first.Text, !first.Weak)
                : new Ambiguous(first.Text, customers);
        }
        return new NotMentioned();
    }
}
