namespace Bot.Conversations.Customers;

public sealed record Order(long Id, long CustomerId, DateOnly OrderedOn, decimal Amount);
