using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Reminders;
using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations.Dialogs;

public sealed class DialogStateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Parse_WhatSerializeWrote_KeepsEveryUndoRecordWithItsKind()
    {
        UndoRecord[] undo =
        [
            new InteractionAdded(1), new StageChanged(2, "negotiation", At), new OrderAdded(3), new CustomerCreated(4),
            new ReminderAdded(5), new ReminderTakenOver(6, At, "cadence"), new ReminderChanged(7, 8, At),
        ];
        var state = new DialogState(null, new LastWrite("已记录：星辰", 2, undo, "星辰签了", Intent.UpdateStage, 42, At));

        var read = DialogState.Parse(state.Serialize());

        Assert.Equal(undo, read.Last!.Undo);
        Assert.Equal(state.Last! with { Undo = read.Last.Undo }, read.Last);
    }

    [Fact]
    public void Parse_AStateStoredBeforeUndoRecords_DropsTheOldWriteAndKeepsTheQuestion()
    {
        const string stored = """
            {"pending":{"text":"星辰网络那边打了个电话","intent":1,"customerIds":[3,4],"askedAt":"2026-12-01T10:00:00+08:00"},
             "last":{"summary":"已记录：星辰","customerId":3,"interactionId":9,"reminderId":null,"previousStage":"lead","at":"2026-12-01T10:00:00+08:00"}}
            """;

        var read = DialogState.Parse(stored);

        Assert.Null(read.Last);
        Assert.Equal([3L, 4L], read.Pending!.CustomerIds);
    }

    [Fact]
    public void Parse_WhatSerializeWrote_KeepsTheRestOfAList()
    {
        var state = new DialogState(null, null, More: new PendingPage("流失预警", [new ListLine("· 星辰网络：95天没下单", "建议：打电话了解近况"), new ListLine("· 天元")], At));

        var read = DialogState.Parse(state.Serialize());

        Assert.Equal(state.More!.Rest, read.More!.Rest);
        Assert.Equal(("流失预警", At), (read.More.Title, read.More.ShownAt));
    }
}
