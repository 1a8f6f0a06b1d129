using System.Globalization;

namespace Hub.Data.Sqlite;

/// <summary>Timestamps are stored as ISO-8601 UTC text with 100 ns precision and read back with Kind = Utc.</summary>
internal static class SqliteTimestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> as stored text: a Local time is converted to UTC, an Unspecified one is taken as UTC
    /// already (the records name these fields ...Utc).
    /// </summary>
    public static string ToText(DateTime value) =>
        ToText(new DateTimeOffset(
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
            TimeSpan.Zero));

    public static DateTime FromText(string value) =>
        DateTime.ParseExact(value, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime? FromNullableText(string? value) => value is null ? null : FromText(value);
}
