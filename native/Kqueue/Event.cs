using System.Runtime.InteropServices;

namespace Uring.Native.Bsd;

/// <summary>
/// kqueue(2) and kevent(2) with the constants of sys/event.h, macOS values (FreeBSD differences noted).
/// Each call returns its result or <c>-errno</c> (BSD errno numbers, see Errno.cs).
/// </summary>
public static unsafe partial class LibC
{
    // Filters (kevent.filter).
    public const short EVFILT_READ = -1;
    public const short EVFILT_WRITE = -2;
    public const short EVFILT_TIMER = -7;
    /// <summary>User-triggered events, for cross-thread wake-ups. -10 on macOS; -11 on FreeBSD.</summary>
    public const short EVFILT_USER = -10;

    // Actions (kevent.flags, input).
    public const ushort EV_ADD = 0x0001;        // add, or modify if present (implies EV_ENABLE)
    public const ushort EV_DELETE = 0x0002;
    public const ushort EV_ENABLE = 0x0004;
    public const ushort EV_DISABLE = 0x0008;    // keep registered, stop reporting

    // Flags (kevent.flags, input).
    public const ushort EV_ONESHOT = 0x0010;
    /// <summary>Reset the event's state once it is reported (edge-triggered behaviour).</summary>
    public const ushort EV_CLEAR = 0x0020;
    /// <summary>Return every change as an event (data 0 on success) instead of only failed ones.</summary>
    public const ushort EV_RECEIPT = 0x0040;
    public const ushort EV_DISPATCH = 0x0080;

    // Returned values (kevent.flags, output).
    /// <summary>The change failed; kevent.data holds its errno.</summary>
    public const ushort EV_ERROR = 0x4000;
    /// <summary>End of file: the peer shut down its side (read filter) or stopped reading (write filter);
    /// kevent.fflags holds a pending socket error, if any.</summary>
    public const ushort EV_EOF = 0x8000;

    // EVFILT_USER fflags.
    /// <summary>Fires the user event (input).</summary>
    public const uint NOTE_TRIGGER = 0x01000000;
    public const uint NOTE_FFNOP = 0x00000000;
    public const uint NOTE_FFAND = 0x40000000;
    public const uint NOTE_FFOR = 0x80000000;
    public const uint NOTE_FFCOPY = 0xc0000000;
    public const uint NOTE_FFCTRLMASK = 0xc0000000;
    public const uint NOTE_FFLAGSMASK = 0x00ffffff;

    // EVFILT_READ / EVFILT_WRITE fflags.
    /// <summary>kevent.data is a low-water mark (input).</summary>
    public const uint NOTE_LOWAT = 0x00000001;

    /// <summary>A new kernel event queue; not inherited by fork(2) children.</summary>
    public static int kqueue() => Result(kqueue_());

    /// <summary>Applies <paramref name="nchanges"/> changes, then waits up to <paramref name="timeout"/> (null:
    /// forever; zero: poll) for at most <paramref name="nevents"/> events. A change that fails is returned
    /// as an event with EV_ERROR when the event list has room; otherwise the whole call fails.</summary>
    public static int kevent(int kq, kevent* changelist, int nchanges, kevent* eventlist, int nevents, timespec* timeout)
        => Result(kevent_(kq, changelist, nchanges, eventlist, nevents, timeout));

    [LibraryImport("libc", EntryPoint = "kqueue", SetLastError = true)]
    private static partial int kqueue_();

    [LibraryImport("libc", EntryPoint = "kevent", SetLastError = true)]
    private static partial int kevent_(int kq, kevent* changelist, int nchanges, kevent* eventlist, int nevents, timespec* timeout);
}
