namespace Bot.Sandbox.Emulator;

/// <summary>All of the emulator's in-memory state, for a reset between tests or sandbox sessions.</summary>
public sealed class WeComEmulatorState(
    TokenStore tokens,
    FaultInjector faults,
    MessageStore messages,
    ContactStore contacts,
    TransferStore transfers,
    GroupMessageStore groupMessages,
    MediaStore media,
    AiBotReplyStore aiBotReplies,
    AgentStore agent)
{
    public void Reset()
    {
        tokens.Reset();
        faults.Clear();
        messages.Reset();
        contacts.Reset();
        transfers.Reset();
        groupMessages.Reset();
        media.Reset();
        aiBotReplies.Reset();
        agent.Reset();
    }
}
