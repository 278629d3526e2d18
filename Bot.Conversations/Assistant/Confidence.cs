using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Assistant;

/// <summary>When the rules' reading is worth a second opinion from the model.</summary>
public static class Confidence
{
    /// <summary>Free text this long is usually a voice-note transcript that cue words read poorly.</summary>
    public const int LongText = 80;

    /// <summary>A reading intent this unsure is worth a second opinion; a wrong read costs an answer, not data.</summary>
    public const float UnsureRead = 0.6f;

    public static bool IsLow(ParsedMessage parsed) => parsed.Customer switch
    {
        // A colleague's customer is refused whatever the model might say.
        CustomerResolution.OutOfScope => false,
        _ when parsed.Intent == Intent.Unknown || parsed.Text.Length >= LongText || parsed.Confidence < (parsed.Intent.Writes() ? MessageParser.SureIntent : UnsureRead) => true,
        CustomerResolution.NotMentioned => parsed.Intent is Intent.LogInteraction or Intent.UpdateStage or Intent.QueryCustomer or Intent.QueryTier or Intent.OptOut
            or Intent.ChangeGreeting,
        _ => false,
    };
}
