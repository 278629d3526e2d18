using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// media/upload as WeCom answers it (wecom-spec.md §7): the type parameter, the "media" part with a file name, a
/// quoted multipart boundary refused with 44001, files of at most 5 bytes refused, the size limits per type, and
/// images only as JPG or PNG.
/// </summary>
public static class MediaEndpoints
{
    private const long MinBytes = 6;

    private static readonly Dictionary<string, long> MaxBytes = new()
    {
        ["image"] = 10 << 20,
        ["voice"] = 2 << 20,
        ["video"] = 10 << 20,
        ["file"] = 20 << 20,
    };

    public static void MapMediaEndpoints(this IEndpointRouteBuilder api) => api.MapPost("media/upload", Upload);

    private static async Task<IResult> Upload(HttpRequest request, string? type, MediaStore media, CancellationToken ct)
    {
        if (type is null || !MaxBytes.TryGetValue(type, out var maxBytes))
            return WeComResults.Error(EmulatorErrors.InvalidMediaType);
        // The raw header is checked because ASP.NET itself would happily unquote the boundary; WeCom does not.
        if (!MediaTypeHeaderValue.TryParse(request.Headers.ContentType.ToString(), out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || contentType.Boundary.Length == 0
            || contentType.Boundary.Value!.StartsWith('"'))
            return WeComResults.Error(EmulatorErrors.EmptyMedia);

        var reader = new MultipartReader(contentType.Boundary.Value, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "media")
                continue;
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (string.IsNullOrEmpty(fileName))
                return WeComResults.Error(EmulatorErrors.EmptyMedia);
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            if (content.Length == 0)
                return WeComResults.Error(EmulatorErrors.EmptyMedia);
            if (content.Length < MinBytes)
                return WeComResults.Error(EmulatorErrors.InvalidFileSize);
            if (content.Length > maxBytes)
                return WeComResults.Error(EmulatorErrors.MediaTooLarge);
            if (type == "image" && !ImageBytes.IsJpgOrPng(content))
                return WeComResults.Error(EmulatorErrors.InvalidFileType);
            var stored = media.Add(type, fileName, content);
            return WeComResults.Ok(new { stored.Type, MediaId = stored.MediaId, CreatedAt = stored.CreatedAt.ToUnixTimeSeconds().ToString() });
        }
        return WeComResults.Error(EmulatorErrors.EmptyMedia);
    }
}
