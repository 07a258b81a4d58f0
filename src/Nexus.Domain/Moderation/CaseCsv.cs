using System.Globalization;
using CsvHelper;
using Nexus.Domain.Cases;
using Nexus.Domain.Common;

using Nexus.Domain.Statistics;

namespace Nexus.Domain.Moderation;

/// <summary>A CSV row that cannot be imported.</summary>
/// <param name="Row">The row number as a spreadsheet shows it: the header is row 1, the first case row 2.</param>
/// <param name="Error">What is wrong: the error of the rule it breaks, which the application words.</param>
public sealed record CsvRowError(int Row, DomainError Error);

/// <summary>A CSV row read into a case (not yet saved).</summary>
/// <param name="Row">The row number (header = 1).</param>
/// <param name="Type">Initial application or renewal.</param>
/// <param name="ApplicantStatus">The applicant's status.</param>
/// <param name="Applicants">People on the application.</param>
/// <param name="CentreCode">The centre code, when given.</param>
/// <param name="Timeline">The milestone dates.</param>
/// <param name="Excluded">Whether the case is kept out of statistics.</param>
/// <param name="ExcludedStages">The stages whose waits are kept out of statistics.</param>
public sealed record CsvCase(int Row, ApplicationType Type, ApplicantStatus ApplicantStatus, int Applicants, string? CentreCode, Timeline Timeline, bool Excluded, StageSet ExcludedStages = default);

/// <summary>A whole CSV file read: the valid rows and the errors of the others.</summary>
/// <param name="Rows">How many case rows the file has.</param>
/// <param name="Valid">The rows that obey every rule, in file order.</param>
/// <param name="Errors">One error per refused row, in file order.</param>
public sealed record CsvRead(int Rows, IReadOnlyList<CsvCase> Valid, IReadOnlyList<CsvRowError> Errors);

/// <summary>
/// The anonymised CSV of a server's cases, and the reader for it and for the simpler spreadsheet format
/// (see docs/moderation.md). Export writes no Discord id and no name: the case number stands for the case.
/// Import checks every row with the same rules as the member commands.
/// </summary>
public static class CaseCsv
{
    /// <summary>The largest file import accepts: 5 MB is about 50,000 rows of the export format.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The most case rows import accepts in one file.</summary>
    public const int MaxRows = 50_000;

    /// <summary>The export's header, in order. These names are stable: scripts and spreadsheets rely on them.</summary>
    public static IReadOnlyList<string> ExportHeader { get; } =
    [
        "case_number", "type", "applicant_status", "applicants", "centre", "case_status",
        "applied", "conditional", "interview_ca", "interview_us", "approved", "card", "denied", "excluded", "excluded_stages",
    ];

    private enum Column
    {
        Ignored,
        Type,
        ApplicantStatus,
        Applicants,
        Centre,
        Applied,
        Conditional,
        Interview,
        InterviewCa,
        InterviewUs,
        Approved,
        Card,
        Denied,
        Excluded,
        ExcludedStages,
    }

    // Header names are compared after lowercasing and dropping everything but letters and digits, so
    // "Conditional approval", "conditional_approval" and "ConditionalApproval" are one column.
    private static readonly Dictionary<string, Column> Headers = new(StringComparer.Ordinal)
    {
        ["casenumber"] = Column.Ignored,
        ["casestatus"] = Column.Ignored,
        ["type"] = Column.Type,
        ["applicationtype"] = Column.Type,
        ["applicantstatus"] = Column.ApplicantStatus,
        ["status"] = Column.ApplicantStatus,
        ["applicants"] = Column.Applicants,
        ["numberofapplicants"] = Column.Applicants,
        ["centre"] = Column.Centre,
        ["center"] = Column.Centre,
        ["enrolmentcentre"] = Column.Centre,
        ["enrollmentcenter"] = Column.Centre,
        ["applied"] = Column.Applied,
        ["applicationdate"] = Column.Applied,
        ["conditional"] = Column.Conditional,
        ["conditionalapproval"] = Column.Conditional,
        ["interview"] = Column.Interview,
        ["interviewca"] = Column.InterviewCa,
        ["canadianinterview"] = Column.InterviewCa,
        ["interviewus"] = Column.InterviewUs,
        ["usinterview"] = Column.InterviewUs,
        ["approved"] = Column.Approved,
        ["approval"] = Column.Approved,
        ["card"] = Column.Card,
        ["cardreceived"] = Column.Card,
        ["denied"] = Column.Denied,
        ["denial"] = Column.Denied,
        ["excluded"] = Column.Excluded,
        ["excludedstages"] = Column.ExcludedStages,
    };

    /// <summary>Writes the export: <see cref="ExportHeader"/>, then one row per case in the given order.</summary>
    public static void Write(IEnumerable<Case> cases, TextWriter writer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (var name in ExportHeader)
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
        foreach (var c in cases)
        {
            var t = c.Timeline;
            csv.WriteField(c.CaseNumber.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.Type.Name());
            csv.WriteField(c.ApplicantStatus.Name());
            csv.WriteField(c.Applicants.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(c.CentreCode ?? string.Empty);
            csv.WriteField(c.StatusOn(today).Name());
            foreach (var date in new[] { t.Applied, t.Conditional, t.InterviewCa, t.InterviewUs, t.Approved, t.Card, t.Denied })
            {
                csv.WriteField(date is { } d ? CaseRules.Iso(d) : string.Empty);
            }

            csv.WriteField(c.Excluded ? "true" : "false");
            csv.WriteField(c.ExcludedStages.Names());
            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>
    /// Reads a file in the export format or the spreadsheet format. A file-level problem (too large, too many
    /// rows, unknown or missing columns) is an error; row problems are listed in <see cref="CsvRead.Errors"/>.
    /// Reports progress as the number of rows read.
    /// </summary>
    public static async Task<Result<CsvRead>> ReadAsync(Stream file, DateOnly today, EnrolmentCentres centres, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(centres);
        var bytes = await ReadBoundedAsync(file, cancellationToken);
        if (bytes is null)
        {
            return FileError(ModerationErrorCodes.CsvTooLarge, $"The file is larger than {MaxBytes / (1024 * 1024)} MB; split it into smaller files.", MaxBytes / (1024 * 1024));
        }

        // The separator is detected (spreadsheets in some locales save with ';'); lines are counted so a
        // row error names the row a spreadsheet shows.
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = true });
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return FileError(ModerationErrorCodes.CsvEmpty, $"The file is empty; the first row must name the columns, like the export's.");
        }

        var columns = new Column[header.Length];
        var seen = new HashSet<Column>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!Headers.TryGetValue(Normalise(header[i]), out var column))
            {
                return FileError(
                    ModerationErrorCodes.CsvUnknownColumn,
                    $"Unknown column '{header[i]}'; use the export's column names ({string.Join(", ", ExportHeader)}) or the spreadsheet names in docs/moderation.md.",
                    header[i],
                    string.Join(", ", ExportHeader));
            }

            if (column != Column.Ignored && !seen.Add(column))
            {
                return FileError(ModerationErrorCodes.CsvDuplicateColumn, $"The column '{header[i]}' appears twice.", header[i]);
            }

            columns[i] = column;
        }

        foreach (var (required, name) in new[] { (Column.Applied, "applied"), (Column.Type, "type"), (Column.ApplicantStatus, "applicant_status") })
        {
            if (!seen.Contains(required))
            {
                return FileError(ModerationErrorCodes.CsvMissingColumn, $"The file has no '{name}' column; every row needs the application date, the type and the applicant status.", name);
            }
        }

        var valid = new List<CsvCase>();
        var errors = new List<CsvRowError>();
        var rows = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++rows > MaxRows)
            {
                return FileError(ModerationErrorCodes.CsvTooManyRows, $"The file has more than {MaxRows:N0} rows; split it into smaller files.", MaxRows);
            }

            var rowNumber = checked((int)csv.LineNumber);
            var fields = new Dictionary<Column, string>();
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] != Column.Ignored && i < csv.FieldCount && csv.GetString(i) is { } value && !string.IsNullOrWhiteSpace(value))
                {
                    fields[columns[i]] = value.Trim();
                }
            }

            var parsed = ReadRow(rowNumber, fields, today, centres);
            if (parsed.IsSuccess)
            {
                valid.Add(parsed.Value);
            }
            else
            {
                errors.Add(new CsvRowError(rowNumber, parsed.Error!));
            }

            if (rows % 1000 == 0)
            {
                progress?.Report(rows);
            }
        }

        progress?.Report(rows);
        return new CsvRead(rows, valid, errors);
    }

    private static Result<CsvCase> ReadRow(int row, Dictionary<Column, string> fields, DateOnly today, EnrolmentCentres centres)
    {
        if (!fields.TryGetValue(Column.Type, out var typeText) || !WireNames.TryParseType(typeText, out var type))
        {
            return RowError(ModerationErrorCodes.CsvRowType, $"The type must be 'initial' or 'renewal'.");
        }

        if (!fields.TryGetValue(Column.ApplicantStatus, out var statusText) || !WireNames.TryParseStatus(statusText, out var status))
        {
            var names = string.Join(", ", WireNames.AllStatuses.Select(s => s.Name));
            return RowError(ModerationErrorCodes.CsvRowApplicantStatus, $"The applicant status must be one of {names}.", names);
        }

        var applicants = 1;
        if (fields.TryGetValue(Column.Applicants, out var applicantsText)
            && !int.TryParse(applicantsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out applicants))
        {
            return RowError(ModerationErrorCodes.CsvRowApplicants, $"'{applicantsText}' isn't a number of applicants.", applicantsText);
        }

        if (CaseRules.CheckApplicants(applicants) is { } applicantsError)
        {
            return applicantsError;
        }

        string? centreCode = null;
        if (fields.TryGetValue(Column.Centre, out var centreText))
        {
            var centre = centres.FindByCodeOrName(centreText);
            if (centre is null)
            {
                return CaseRules.CheckCentre(centreText, centres)!;
            }

            centreCode = centre.Code;
        }

        if (!fields.ContainsKey(Column.Applied))
        {
            return RowError(ModerationErrorCodes.CsvRowApplied, $"The application date is missing.");
        }

        var dates = new Dictionary<Column, DateOnly>();
        foreach (var (column, text) in fields)
        {
            if (column is >= Column.Applied and <= Column.Denied)
            {
                var date = DateInput.Parse(text, today);
                if (!date.IsSuccess)
                {
                    return date.Error!;
                }

                dates[column] = date.Value;
            }
        }

        DateOnly? Get(Column column) => dates.TryGetValue(column, out var d) ? d : null;

        // A joint interview fills both halves; a half given in its own column wins over it.
        var joint = Get(Column.Interview);
        var timeline = new Timeline(
            dates[Column.Applied],
            Get(Column.Conditional),
            Get(Column.InterviewCa) ?? joint,
            Get(Column.InterviewUs) ?? joint,
            Get(Column.Approved),
            Get(Column.Card),
            Get(Column.Denied));
        if (TimelineValidation.FirstError(type, timeline, today) is { } ruleError)
        {
            return ruleError;
        }

        var excluded = false;
        if (fields.TryGetValue(Column.Excluded, out var excludedText))
        {
            switch (excludedText.ToLowerInvariant())
            {
                case "true" or "yes" or "1":
                    excluded = true;
                    break;
                case "false" or "no" or "0":
                    break;
                default:
                    return RowError(ModerationErrorCodes.CsvRowExcluded, $"'{excludedText}' isn't a yes/no value for excluded (write true or false).", excludedText);
            }
        }

        var stages = StageSet.None;
        if (fields.TryGetValue(Column.ExcludedStages, out var stagesText) && !StageSet.TryParseNames(stagesText, out stages))
        {
            return RowError(
                ModerationErrorCodes.CsvRowExcludedStages,
                $"'{stagesText}' isn't a list of stages for excluded_stages (write stage names such as interview-approved, separated by spaces).",
                stagesText);
        }

        return new CsvCase(row, type, status, applicants, centreCode, timeline, excluded, stages);
    }

    private static string Normalise(string header) =>
        string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static async Task<byte[]?> ReadBoundedAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Each error is one sentence the application words from its key; the English message is for logs.
    private static DomainError RowError(string key, FormattableString message, params object[] arguments) =>
        DomainError.Keyed(ModerationErrorCodes.CsvRow, message.ToString(CultureInfo.InvariantCulture), key, arguments);

    private static DomainError FileError(string key, FormattableString message, params object[] arguments) =>
        DomainError.Keyed(ModerationErrorCodes.CsvFile, message.ToString(CultureInfo.InvariantCulture), key, arguments);
}
