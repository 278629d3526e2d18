namespace Bot.Conversations.Pipeline;

/// <summary>The AI bot's answers, kept for its polls, which may reach another host than the one that answered.</summary>
public interface IStreamReplies
{
    Task SetAsync(string streamId, StreamReply reply);

    Task<StreamReply?> GetAsync(string streamId);
}
