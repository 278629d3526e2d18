using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.Llm;
using Microsoft.Extensions.Options;

namespace Bot.Host.Doctor;

/// <summary>
/// The optional model: GET {endpoint}/models, which every OpenAI-compatible server we name in the README answers,
/// proves the address and the key without spending tokens; the configured model should be among those listed.
/// </summary>
public sealed class LlmCheck(IOptions<LlmOptions> options, IHttpClientFactory factory) : IDoctorCheck
{
    public string Subject => "语言模型";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var llm = options.Value;
        if (!llm.Enabled)
            return [DoctorLine.Info(Subject, "未配置，规则独立工作")];
        if (llm.Validate(new ValidationContext(llm)).FirstOrDefault() is { } invalid)
            return [DoctorLine.Failed(Subject, invalid.ErrorMessage ?? "Llm 配置无效")];

        var http = factory.CreateClient(CallbackVerifier.HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, llm.Endpoint.TrimEnd('/') + "/models");
        if (llm.ApiKey.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", llm.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(llm.TimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return [response.StatusCode switch
            {
                HttpStatusCode.OK => Listed(llm, await response.Content.ReadAsStringAsync(ct)),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => DoctorLine.Failed(Subject,
                    $"{llm.Endpoint} 拒绝了密钥（HTTP {(int)response.StatusCode}）——核对 Llm:ApiKey；模型不可用时机器人照常用规则回答"),
                HttpStatusCode.NotFound => DoctorLine.Warning(Subject, $"{llm.Endpoint} 可连接，但不提供模型列表，无法确认 {llm.Model} 是否存在"),
                _ => DoctorLine.Failed(Subject, $"{llm.Endpoint} 回答 HTTP {(int)response.StatusCode}——核对 Llm:Endpoint；模型不可用时机器人照常用规则回答"),
            }];
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var why = ex is HttpRequestException ? ex.Message : $"{llm.TimeoutSeconds} 秒没有回应";
            return [DoctorLine.Failed(Subject, $"连不上 {llm.Endpoint}（{why}）——核对 Llm:Endpoint；不需要模型就把它留空，规则照常独立工作")];
        }
    }

    private DoctorLine Listed(LlmOptions llm, string body)
    {
        JsonArray? models;
        try
        {
            models = JsonNode.Parse(body)?["data"] as JsonArray;
        }
        catch (JsonException)
        {
            models = null;
        }
        var ids = models?.Select(m => m?["id"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        if (ids.Count == 0 || ids.Contains(llm.Model, StringComparer.OrdinalIgnoreCase))
            return DoctorLine.Ok(Subject, $"{llm.Endpoint} 可用（模型 {llm.Model}）");
        return DoctorLine.Warning(Subject, $"{llm.Endpoint} 可连接，但模型列表里没有 {llm.Model}——核对 Llm:Model（可用的有：{string.Join("、", ids.Take(5))}）");
    }
}
