using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.Sandbox.Emulator;

/// <summary>Every WeCom answer is HTTP 200 with errcode/errmsg first, whatever went wrong.</summary>
public static class WeComResults
{
    public static IResult Ok(object? fields = null) => Error(0, fields);

    public static IResult Error(int errcode, object? fields = null, string? errmsg = null)
    {
        var body = new JsonObject { ["errcode"] = errcode, ["errmsg"] = errmsg ?? EmulatorErrors.Message(errcode) };
        if (fields is not null && JsonSerializer.SerializeToNode(fields, EmulatorJson.WeCom) is JsonObject extra)
        {
            foreach (var (name, value) in extra.ToList())
            {
                extra.Remove(name);
                body[name] = value;
            }
        }
        return Results.Text(body.ToJsonString(EmulatorJson.WeCom), "application/json; charset=utf-8");
    }
}
