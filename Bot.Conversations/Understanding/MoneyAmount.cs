namespace Bot.Conversations.Understanding;

/// <summary>An amount of money found in a message: where it is, the text as typed, and its value in yuan.</summary>
public sealed record MoneyAmount(int Start, int Length, string Text, decimal Yuan);
