using System.Net.Http.Json;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Doctor;

/// <summary>`scripts/bot doctor` as a process against a live bot and its emulator: one line per check, exit 1 on any ✗.</summary>
public sealed class DoctorTests(DoctorBot doctor) : IClassFixture<DoctorBot>, IAsyncLifetime
{
    public Task InitializeAsync() => doctor.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Doctor_HealthyEmulator_EveryCheckGreenAndExitsZero()
    {
        var result = await doctor.RunDoctorAsync();

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("✓ 企业微信 access_token：已获取（企业ID wwsandbox00000001）", result.Output);
        Assert.Contains("✓ 企业可信IP：本机可以调用企业微信接口", result.Output);
        Assert.Contains("✓ 应用可见范围：「销售助手」对 1 个部门可见", result.Output);
        Assert.Contains("✓ 客户联系权限：可调用客户联系接口，1 名成员已开通客户联系", result.Output);
        Assert.Contains($"✓ 接收消息回调：{doctor.Bot.BaseUrl}wecom/callback 本机验证通过", result.Output);
        Assert.Contains($"✓ 智能机器人：{doctor.Bot.BaseUrl}wecom/aibot 本机验证通过", result.Output);
        Assert.Contains("✓ 时钟：", result.Output);
        Assert.Contains("✓ 数据库：可连接（PostgreSQL ", result.Output);
        Assert.Contains("✓ 中文搜索：", result.Output);
        Assert.Contains("✓ Redis：可连接", result.Output);
        Assert.Contains("· 语言模型：未配置，规则独立工作", result.Output);
        Assert.DoesNotContain("✗", result.Output);
        Assert.DoesNotContain("!", result.Output);
    }

    [Fact]
    public async Task Doctor_WrongSecret_Fails40001AndSaysWhereTheSecretIs()
    {
        var result = await doctor.RunDoctorAsync(("WeCom__Secret", "not-the-secret"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 企业微信 access_token：Secret 不对（40001）——到 管理后台 › 应用管理 › 自建应用（AgentId 1000002）查看 Secret，填到 WeCom:Secret", result.Output);
        Assert.Contains("· 应用可见范围：未检查——先解决 access_token", result.Output);
        Assert.DoesNotContain("not-the-secret", result.Output);
    }

    [Fact]
    public async Task Doctor_WrongCorpId_Fails40013()
    {
        var result = await doctor.RunDoctorAsync(("WeCom__CorpId", "ww-wrong-corp"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 企业微信 access_token：企业ID 不对（40013）——到 管理后台 › 我的企业 › 企业信息 页底复制企业ID，填到 WeCom:CorpId", result.Output);
    }

    [Fact]
    public async Task Doctor_CallerIpNotTrusted_Fails60020WithTheIpToAdd()
    {
        await doctor.AddFaultAsync(new FaultRule { Path = "agent/get", Errcode = EmulatorErrors.IpNotAllowed, ErrcodeCount = 10 });

        var result = await doctor.RunDoctorAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 企业可信IP：本机出口 IP 127.0.0.1 不在名单里（60020）——到 管理后台 › 应用管理 › 自建应用（AgentId 1000002） › 企业可信IP 添加 127.0.0.1", result.Output);
        Assert.Contains("· 应用可见范围：未检查——先解决企业可信IP", result.Output);
    }

    [Fact]
    public async Task Doctor_EmptyVisibleRange_FailsNamingTheApp()
    {
        (await doctor.Bot.Emulator.PutAsJsonAsync("control/agent/visible-range", new VisibleRange([], []), EmulatorJson.Control)).EnsureSuccessStatusCode();

        var result = await doctor.RunDoctorAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 应用可见范围：「销售助手」的可见范围是空的，谁也用不了机器人——到 管理后台 › 应用管理 › 「销售助手」 › 可见范围 添加销售所在的部门", result.Output);
    }

    [Fact]
    public async Task Doctor_AppNotAllowedToCallCustomerContact_Fails48002()
    {
        await doctor.AddFaultAsync(new FaultRule { Path = "externalcontact/get_follow_user_list", Errcode = EmulatorErrors.ApiForbidden, ErrcodeCount = 10 });

        var result = await doctor.RunDoctorAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 客户联系权限：「销售助手」不能调用客户联系接口（48002）——到 管理后台 › 客户与上下游 › 客户联系 › API › 可调用接口的应用 添加它", result.Output);
    }

    [Fact]
    public async Task Doctor_NoExternalContactRelation_Fails84061()
    {
        await doctor.AddFaultAsync(new FaultRule { Path = "externalcontact/get_follow_user_list", Errcode = EmulatorErrors.NoExternalContactRelation, ErrcodeCount = 10 });

        var result = await doctor.RunDoctorAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 客户联系权限：没有外部联系人关系（84061）——到 管理后台 › 客户与上下游 › 客户联系 › 权限配置 给销售开通客户联系", result.Output);
    }

    [Fact]
    public async Task Doctor_NoMemberHasCustomerContact_WarnsAndStillPasses()
    {
        (await doctor.Bot.Emulator.PostAsync("control/reset", null)).EnsureSuccessStatusCode();

        var result = await doctor.RunDoctorAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("! 客户联系权限：可调用客户联系接口，但还没有成员开通客户联系", result.Output);
    }

    [Fact]
    public async Task Doctor_ClockTenMinutesBehindWeCom_Fails()
    {
        await doctor.AddFaultAsync(new FaultRule { Path = "gettoken", DateOffsetSeconds = 600 });

        var result = await doctor.RunDoctorAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 时钟：本机比企业微信慢 10 分钟——校准系统时间", result.Output);
    }

    [Fact]
    public async Task Doctor_ClockAMinuteAhead_WarnsAndStillPasses()
    {
        await doctor.AddFaultAsync(new FaultRule { Path = "gettoken", DateOffsetSeconds = -60 });

        var result = await doctor.RunDoctorAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Matches("! 时钟：本机比企业微信快 6[01] 秒", result.Output);
    }

    [Fact]
    public async Task Doctor_PublicBaseUrlUnset_WarnsWithThePathToPasteAndPasses()
    {
        var result = await doctor.RunDoctorAsync(("WeCom__PublicBaseUrl", ""));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("! 接收消息回调：没有设置 WeCom:PublicBaseUrl，未能自检——在 管理后台 › 应用管理 › 自建应用（AgentId 1000002） › 接收消息 › 设置API接收 填 https://<对外域名>/wecom/callback", result.Output);
        Assert.Contains("! 智能机器人：没有设置 WeCom:PublicBaseUrl，未能自检", result.Output);
    }

    [Fact]
    public async Task Doctor_TokenDiffersFromTheRunningBot_FailsUrlVerification()
    {
        var result = await doctor.RunDoctorAsync(("WeCom__Token", "SomeOtherToken"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"✗ 接收消息回调：{doctor.Bot.BaseUrl}wecom/callback 验证失败：签名或解密没通过（HTTP 403）", result.Output);
    }

    [Fact]
    public async Task Doctor_PublicBaseUrlLoopbackWithRealWeCom_Fails()
    {
        // The real WeCom is not reachable from here, so only the callback line is of interest.
        var result = await doctor.RunDoctorAsync(("WeCom__BaseUrl", "https://wecom.invalid/cgi-bin/"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 接收消息回调：WeCom:PublicBaseUrl 是本机地址 127.0.0.1，企业微信从外网访问不到", result.Output);
    }

    [Fact]
    public async Task Doctor_AiBotKeyTooShort_Fails()
    {
        var result = await doctor.RunDoctorAsync(("WeCom__AiBot__EncodingAESKey", "tooshort"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ 智能机器人：WeCom:AiBot:EncodingAESKey 要正好 43 位英文或数字（现在 8 位）", result.Output);
    }

    [Fact]
    public async Task Doctor_AiBotNotConfigured_NotesItAndPasses()
    {
        var result = await doctor.RunDoctorAsync(("WeCom__AiBot__Token", ""), ("WeCom__AiBot__EncodingAESKey", ""));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("· 智能机器人：未配置（可选）", result.Output);
    }

    [Fact]
    public async Task Doctor_DatabaseUnreachable_Fails()
    {
        var port = LiveBot.FreePort();

        var result = await doctor.RunDoctorAsync($"Host=127.0.0.1;Port={port};Username=postgres;Database=bot");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"✗ 数据库：连不上 127.0.0.1:{port}/bot", result.Output);
    }

    [Fact]
    public async Task Doctor_DatabaseWithCLocale_FailsChineseSearch()
    {
        var connectionString = await TestDatabases.CreateEmptyAsync(locale: "C");
        try
        {
            var result = await doctor.RunDoctorAsync(connectionString);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("✓ 数据库：可连接", result.Output);
            Assert.Contains("✗ 中文搜索：数据库的 LC_CTYPE 是 C，汉字不算字母", result.Output);
        }
        finally
        {
            await TestDatabases.DropAsync(connectionString);
        }
    }

    [Fact]
    public async Task Doctor_RedisUnreachable_Fails()
    {
        var port = LiveBot.FreePort();

        var result = await doctor.RunDoctorAsync(("Redis__Configuration", $"127.0.0.1:{port}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"✗ Redis：连不上 127.0.0.1:{port}", result.Output);
    }

    [Fact]
    public async Task Doctor_LlmEndpointAnswering_Passes()
    {
        await using var model = await FakeOpenAiServer.StartAsync();

        var result = await doctor.RunDoctorAsync(("Llm__Endpoint", model.Endpoint), ("Llm__Model", "fake-model"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"✓ 语言模型：{model.Endpoint} 可用（模型 fake-model）", result.Output);
    }

    [Fact]
    public async Task Doctor_LlmEndpointDown_Fails()
    {
        var endpoint = $"http://127.0.0.1:{LiveBot.FreePort()}/v1";

        var result = await doctor.RunDoctorAsync(("Llm__Endpoint", endpoint), ("Llm__Model", "deepseek-chat"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"✗ 语言模型：连不上 {endpoint}", result.Output);
    }
}
