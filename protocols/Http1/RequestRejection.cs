namespace Uring.Http1;

/// <summary>Why a request was refused; <see cref="RequestRejections.StatusOf"/> gives the status it gets.</summary>
internal enum RequestRejection : byte
{
    None,

    // 400 Bad Request
    InvalidRequestLine,
    InvalidMethod,
    InvalidTarget,
    InvalidVersion,
    BareLineFeed,
    TooManyEmptyLines,
    WhitespaceBeforeFirstField,
    ObsoleteLineFolding,
    MissingColon,
    InvalidFieldName,
    InvalidFieldValue,
    MissingHost,
    MultipleHost,
    InvalidHost,
    InvalidContentLength,
    ConflictingContentLength,
    ContentLengthWithTransferEncoding,
    ChunkedNotFinal,
    ChunkedTwice,
    TransferEncodingInHttp10,
    AsteriskFormWithoutOptions,
    InvalidChunkSize,
    InvalidChunkExtension,
    MissingChunkDataCrlf,
    InvalidTrailer,

    // 408
    RequestTimeout,

    // 413
    BodyTooLarge,

    // 414
    RequestLineTooLong,

    // 417
    UnsupportedExpectation,

    // 431
    HeaderSectionTooLarge,
    TooManyFields,

    // 501
    UnsupportedTransferCoding,

    // 505
    UnsupportedVersion,
}

internal static class RequestRejections
{
    public static int StatusOf(RequestRejection rejection) => rejection switch
    {
        RequestRejection.None => 200,
        RequestRejection.RequestTimeout => 408,
        RequestRejection.BodyTooLarge => 413,
        RequestRejection.RequestLineTooLong => 414,
        RequestRejection.UnsupportedExpectation => 417,
        RequestRejection.HeaderSectionTooLarge or RequestRejection.TooManyFields => 431,
        RequestRejection.UnsupportedTransferCoding => 501,
        RequestRejection.UnsupportedVersion => 505,
        _ => 400,
    };
}
