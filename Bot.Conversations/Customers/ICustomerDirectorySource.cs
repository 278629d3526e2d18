namespace Bot.Conversations.Customers;

public sealed record DirectorySnapshot(
    IReadOnlyList<DirectoryCustomer> Customers, IReadOnlyList<DirectoryContact> Contacts, IReadOnlyList<DirectoryMember> Members, string Version);

/// <summary>Every live customer, contact and team member name, and a cheap version stamp that changes whenever any of them does.</summary>
public interface ICustomerDirectorySource
{
    Task<DirectorySnapshot> LoadAsync(CancellationToken ct);

    Task<string> VersionAsync(CancellationToken ct);
}
