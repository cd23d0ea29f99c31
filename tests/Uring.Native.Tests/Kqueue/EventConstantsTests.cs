using Uring.Native.Bsd;
using Xunit;

namespace Uring.Native.Tests;

/// <summary>The constants of sys/event.h, macOS values (XNU bsd/sys/event.h); the comments give FreeBSD's
/// where it differs.</summary>
public sealed class Event_constants
{
    /// <summary>Filters.</summary>
    [Theory]
    [InlineData(nameof(LibC.EVFILT_READ), -1)]
    [InlineData(nameof(LibC.EVFILT_WRITE), -2)]
    [InlineData(nameof(LibC.EVFILT_TIMER), -7)]
    [InlineData(nameof(LibC.EVFILT_USER), -10)] // FreeBSD: -11
    public void Filters(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));

    /// <summary>kevent.flags: actions and flags in, EV_ERROR and EV_EOF out.</summary>
    [Theory]
    [InlineData(nameof(LibC.EV_ADD), 0x0001)]
    [InlineData(nameof(LibC.EV_DELETE), 0x0002)]
    [InlineData(nameof(LibC.EV_ENABLE), 0x0004)]
    [InlineData(nameof(LibC.EV_DISABLE), 0x0008)]
    [InlineData(nameof(LibC.EV_ONESHOT), 0x0010)]
    [InlineData(nameof(LibC.EV_CLEAR), 0x0020)]
    [InlineData(nameof(LibC.EV_RECEIPT), 0x0040)]
    [InlineData(nameof(LibC.EV_DISPATCH), 0x0080)]
    [InlineData(nameof(LibC.EV_ERROR), 0x4000)]
    [InlineData(nameof(LibC.EV_EOF), 0x8000)]
    public void Flags(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));

    /// <summary>kevent.fflags of EVFILT_USER, and NOTE_LOWAT of the read and write filters.</summary>
    [Theory]
    [InlineData(nameof(LibC.NOTE_TRIGGER), 0x01000000)]
    [InlineData(nameof(LibC.NOTE_FFNOP), 0x00000000)]
    [InlineData(nameof(LibC.NOTE_FFAND), 0x40000000)]
    [InlineData(nameof(LibC.NOTE_FFOR), 0x80000000)]
    [InlineData(nameof(LibC.NOTE_FFCOPY), 0xc0000000)]
    [InlineData(nameof(LibC.NOTE_FFCTRLMASK), 0xc0000000)]
    [InlineData(nameof(LibC.NOTE_FFLAGSMASK), 0x00ffffff)]
    [InlineData(nameof(LibC.NOTE_LOWAT), 0x00000001)]
    public void Notes(string name, long value) => Assert.Equal(value, Layout.Constant(typeof(LibC), name));
}
