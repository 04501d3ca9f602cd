namespace EksOps.Lambda.Testing;

/// <summary>Lines read from one of a child process's output streams, with waiters for a matching line.</summary>
internal sealed class OutputLines
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private bool _completed;

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    /// <summary>Adds a line; <see langword="null"/> (the end of the stream) is ignored.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>>? matched = null;
        lock (_gate)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(line))
                {
                    (matched ??= []).Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        matched?.ForEach(found => found.TrySetResult(line));
    }

    /// <summary>No more lines will come: waiters still waiting fail.</summary>
    public void Complete()
    {
        List<TaskCompletionSource<string>> waiting;
        lock (_gate)
        {
            _completed = true;
            waiting = [.. _waiters.Select(w => w.Found)];
            _waiters.Clear();
        }

        waiting.ForEach(found => found.TrySetException(new InvalidOperationException("The process ended without writing the expected line.")));
    }

    public Task<string> WaitAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_gate)
        {
            foreach (var line in _lines)
            {
                if (predicate(line))
                {
                    return Task.FromResult(line);
                }
            }

            if (_completed)
            {
                return Task.FromException<string>(new InvalidOperationException("The process ended without writing the expected line."));
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, found));
            return found.Task.WaitAsync(cancellationToken);
        }
    }
}
