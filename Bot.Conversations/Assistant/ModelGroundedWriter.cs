using Bot.Conversations.Customers;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Conversations.Assistant;

/// <summary>
/// Writes a <see cref="GroundedTask"/> with the model: the prompt forbids anything not in the material, and the
/// answer is kept only if it is short enough, one sentence when asked, and passes <see cref="GroundingCheck"/>.
/// </summary>
public sealed class ModelGroundedWriter(AssistantModel model, CustomerDirectory directory, ILogger<ModelGroundedWriter> logger) : IGroundedWriter
{
    private const string Rules = """
        你是公司销售团队的写作助手，用自然、简洁、得体的中文写作。
        只能使用【资料】里写明的事实：不得出现资料里没有的数字、日期、金额、折扣、人名、公司名、产品名或承诺。
        资料里没有的信息就不写，不要编造，也不要解释你的做法。只输出正文，不加标题、引号、编号或署名。
        """;

    public async Task<string?> WriteAsync(GroundedTask task, CancellationToken ct)
    {
        var prompt = $"{task.Instruction}\n字数不超过{task.MaxLength}字。\n\n【资料】\n{string.Join("\n", task.Material)}";
        var history = new ChatHistory(Rules);
        history.AddUserMessage(prompt);
        var text = await model.WriteAsync(task.Purpose, history, AssistantModel.Settings(0.3, maxTokens: task.MaxLength * 2 + 50), ct);
        if (text is null)
            return null;

        text = text.Trim().Trim('"', '“', '”', '「', '」');
        var view = await directory.GetAsync(ct);
        var names = view.Customers.Values.SelectMany(c => c.Aliases.Append(c.LegalName).Append(c.ShortName ?? ""))
            .Concat(view.Contacts.Values.Select(c => c.Name));
        var problem = text.Length == 0 ? "empty"
            : text.Length > task.MaxLength ? "too long"
            : task.OneSentence && SentenceCount(text) > 1 ? "more than one sentence"
            : GroundingCheck.Ungrounded(text, task.Material, names) is var facts and > 0 ? $"{facts} fact(s) not in the material"
            : null;
        if (problem is null)
            return text;
        logger.LogWarning("LLM {Purpose}: text rejected ({Problem}); the template is used", task.Purpose, problem);
        return null;
    }

    private static int SentenceCount(string text) =>
        text.TrimEnd('。', '！', '？', '.', '!', '?').Count(c => c is '。' or '！' or '？' or '!' or '?') + 1;
}
