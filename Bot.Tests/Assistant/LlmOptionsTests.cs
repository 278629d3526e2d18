using System.ComponentModel.DataAnnotations;
using Bot.Conversations.Assistant;
using Bot.Host.Hosting;
using Bot.Host.Llm;
using Microsoft.SemanticKernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Assistant;

public sealed class LlmOptionsTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("https://api.deepseek.com/v1", "deepseek-chat", true)]
    [InlineData("https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus", true)]
    [InlineData("https://open.bigmodel.cn/api/paas/v4/", "glm-4-flash", true)]
    [InlineData("http://127.0.0.1:11434/v1", "qwen2.5:7b", true)]
    [InlineData("https://api.deepseek.com", "deepseek-chat", false)]
    [InlineData("https://api.deepseek.com/v1/chat/completions", "deepseek-chat", false)]
    [InlineData("api.deepseek.com/v1", "deepseek-chat", false)]
    [InlineData("https://api.deepseek.com/v1", "", false)]
    public void Validate_EndpointAndModel(string endpoint, string model, bool valid)
    {
        var options = new LlmOptions { Endpoint = endpoint, Model = model };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Fact]
    public async Task Start_EndpointWithoutItsVersionSegment_StopsWithTheReason()
    {
        await using var app = BotHost.BuildWebApp(
            ["--urls=http://127.0.0.1:0", "--Llm:Endpoint=https://api.deepseek.com", "--Llm:Model=deepseek-chat", "--Logging:LogLevel:Default=None"], seedDemo: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Llm:Endpoint must end in its version segment", error.Message);
    }

    [Fact]
    public void AddLlm_NoEndpoint_RegistersNothingAndRulesStay()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());

        services.AddLlm(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Llm:Model"] = "x" }).Build());

        Assert.DoesNotContain(services, s => s.ServiceType == typeof(Kernel) || s.ServiceType == typeof(IUnderstandingAssistant));
    }
}
