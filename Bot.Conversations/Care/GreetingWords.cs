using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Care;

/// <summary>How a greeting ahead is named and described in chat.</summary>
public static class GreetingWords
{
    /// <summary>「金禾赵总的生日祝福」: how a rep names it back to skip or rewrite it.</summary>
    public static string Reference(GreetingAhead greeting) =>
        $"{greeting.Candidate.Company}{ContactTitles.Salutation(greeting.Candidate.ContactName, greeting.Candidate.Title)}的{greeting.Occasion.ChineseName()}";

    /// <summary>「金禾 赵立新」, or 「金禾」 when no contact was named: whom a question or a change is about.</summary>
    public static string Whom(CustomerDirectory.View view, long customerId, long? contactId)
    {
        var customer = view.Customers.TryGetValue(customerId, out var c) ? c.ShortName ?? c.LegalName : "这家客户";
        return contactId is { } id && view.Contacts.TryGetValue(id, out var contact) ? $"{customer} {contact.Name}" : customer;
    }

    /// <summary>「9月25日（周五）给金禾 赵立新的中秋祝福」.</summary>
    public static string Named(GreetingAhead greeting, DateOnly today) =>
        $"{ChineseFormat.Day(greeting.On, today)}给{greeting.Candidate.Company} {greeting.Candidate.ContactName}的{greeting.Occasion.ChineseName()}";

    /// <summary>Who confirms the greeting in 群发助手, as <paramref name="userId"/> is told: 你, or the owning rep for a manager.</summary>
    private static string Confirmer(GreetingAhead greeting, long userId) => greeting.Candidate.RepId == userId ? "你" : greeting.Candidate.RepName;

    /// <summary>What will go out, or why nothing will, as <paramref name="userId"/> is told.</summary>
    public static string Outlook(GreetingAhead greeting, long userId) => greeting switch
    {
        { Stored: { } status } => Stored(status, Confirmer(greeting, userId)),
        { Change.Skips: true } => "这次不发（已跳过）",
        { Plan: { Text: { } text } } => $"「{text}」" + (greeting.Change is null ? "" : "（已改写）"),
        _ => "当期群发次数已用完，不发",
    };

    private static string Stored(CareTaskStatus status, string confirmer) => status switch
    {
        CareTaskStatus.Planned => "已排进群发，马上会出现在群发助手",
        CareTaskStatus.Awaiting => $"已在群发助手里等{confirmer}确认发送",
        CareTaskStatus.Sent => "已发送",
        CareTaskStatus.Failed => "没能发出",
        CareTaskStatus.Unconfirmed => "一直没有确认，没有发出",
        _ => "当期群发次数已用完，没有发",
    };

    /// <summary>A greeting already queued or sent can no longer change; one waiting in 群发助手 can still be left unsent there.</summary>
    public static Reply TooLate(GreetingAhead greeting, CareTaskStatus status, DateOnly today, long userId)
    {
        var confirmer = Confirmer(greeting, userId);
        var text = $"{Named(greeting, today)}{Stored(status, confirmer)}，没法再改了。";
        if (status is not (CareTaskStatus.Planned or CareTaskStatus.Awaiting))
            return Reply.Plain(text);
        var who = greeting.Candidate.RepId == userId ? "" : $"让{confirmer}";
        return Reply.Plain($"{text}不想发的话，{who}在企业微信「群发助手」里不点发送就好。");
    }
}
