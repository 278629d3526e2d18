using Bot.Conversations.Assistant;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Evaluation;
using Bot.Host.Llm;

namespace Bot.Host.Cli;

/// <summary>`eval FILE`: scores a labelled JSON-lines file, against a book file or the users and customers in the database.</summary>
internal static class UnderstandingCommands
{
    /// <param name="model">With a model configured (`eval --model`): the production path, the model reading what the rules are unsure of.</param>
    public static async Task<int> EvalAsync(FileInfo file, FileInfo? book, bool misses, (IUnderstandingAssistant Assistant, ModelUsage Usage)? model,
        Func<Task<(CustomerDirectory.View, Func<string, Task<UserScope?>>)>> database)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"找不到文件：{file.FullName}");
            return 1;
        }
        var messages = LabelledMessage.Load(file.FullName);
        Func<LabelledMessage, (CustomerDirectory.View, UserScope?)> books;
        if (book is not null)
        {
            var labelled = LabelledBook.Load(book.FullName);
            books = m => (labelled.View, labelled.ScopeOf(m.User));
        }
        else
        {
            var (view, scopeOf) = await database();
            var scopes = new Dictionary<string, UserScope?>();
            foreach (var user in messages.Select(m => m.User).Distinct())
                scopes[user] = await scopeOf(user);
            books = m => (view, scopes[m.User]);
        }
        var asked = new ModelAsked();
        var card = model is { } m
            ? await UnderstandingEvaluation.ScoreAsync(messages, books, m.Assistant, asked.Add, CancellationToken.None)
            : UnderstandingEvaluation.Score(messages, books);
        Console.Write(card.Report(file.Name));
        if (model is { Usage: var usage })
        {
            Console.WriteLine($"模型：问了 {asked.Count} 条（规则没把握的），采用 {asked.Accepted} 条；每条 p50 {asked.Milliseconds(0.5):0} ms、p95 {asked.Milliseconds(0.95):0} ms");
            Console.WriteLine($"模型请求 {usage.Requests} 次（失败 {usage.Failed}），tokens 输入 {usage.InputTokens:N0}、输出 {usage.OutputTokens:N0}");
        }
        foreach (var line in card.WritesOnQuestions)
            Console.WriteLine("写入了的问句：" + line);
        if (misses)
        {
            foreach (var line in card.Misses)
                Console.WriteLine(line);
        }
        return 0;
    }
}
