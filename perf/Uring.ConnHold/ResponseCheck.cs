namespace Uring.ConnHold;

/// <summary>What the bytes received so far on a connection amount to.</summary>
public enum ResponseCheck
{
    /// <summary>A correct response has not fully arrived yet.</summary>
    Incomplete,

    /// <summary>Exactly one correct response arrived.</summary>
    Complete,

    /// <summary>The response is wrong (status, framing, content, or bytes beyond it).</summary>
    Invalid,
}
