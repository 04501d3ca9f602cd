namespace EksOps.IncidentStore;

/// <summary>What <see cref="IIncidentStore.UpdateAsync"/> does to a record, in one place for every store.</summary>
internal static class IncidentUpdates
{
    /// <summary>Whether <paramref name="update"/> sets the status of a record whose status is <paramref name="current"/>.</summary>
    public static bool SetsStatus(IncidentUpdate update, IncidentStatus current) =>
        update.Status is not null && !(update.OnlyIfNotClosed && current.IsClosed());

    /// <summary>
    /// The record after the update: every given field set, <see cref="IncidentRecord.UpdatedAt"/> = <see cref="IncidentUpdate.At"/>;
    /// the status and its reason only when <see cref="SetsStatus"/> (a reason without a status is always set);
    /// <see cref="IncidentRecord.ClosedAt"/> kept from the first close, cleared when a status reopens the incident.
    /// </summary>
    public static IncidentRecord Apply(IncidentRecord current, IncidentUpdate update)
    {
        var setsStatus = SetsStatus(update, current.Status);
        var record = current with
        {
            ExecutionArn = update.ExecutionArn ?? current.ExecutionArn,
            RootCause = update.RootCause ?? current.RootCause,
            Runbook = update.Runbook ?? current.Runbook,
            Subject = update.Subject ?? current.Subject,
            UpdatedAt = update.At,
        };
        if (update.Status is null && update.StatusReason is not null)
        {
            record = record with { StatusReason = update.StatusReason };
        }

        if (setsStatus)
        {
            var status = update.Status!.Value;
            record = record with
            {
                Status = status,
                StatusReason = update.StatusReason ?? current.StatusReason,
                ClosedAt = status.IsClosed() ? current.ClosedAt ?? update.At : null,
            };
        }

        return record;
    }
}
