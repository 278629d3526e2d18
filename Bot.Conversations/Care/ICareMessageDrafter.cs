using Bot.Conversations.Customers;
using Bot.Conversations.Team;

namespace Bot.Conversations.Care;

/// <summary>The text of a care message and whether the model wrote it (false: the template).</summary>
public sealed record CareMessage(string Text, bool Drafted);

/// <summary>
/// The text of a birthday or festival greeting from a rep to one contact. The caller (the care job) decides who
/// gets one — opt-outs included — and sends it through the rep's confirmation; this only writes it.
/// </summary>
public interface ICareMessageDrafter
{
    Task<CareMessage> DraftAsync(CareOccasion occasion, Customer customer, Contact contact, SalesUser rep, CancellationToken ct);
}
