namespace EksOps.Lambda.Testing;

/// <summary>
/// The invocations waiting for a <c>GET /next</c>, and the <c>GET /next</c> requests waiting for an invocation.
/// An invocation taken by a request whose client went away is put back at the front.
/// </summary>
internal sealed class InvocationQueue
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Invocation> _items = new();
    private readonly LinkedList<TaskCompletionSource<Invocation>> _waiters = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(Invocation invocation) => Add(invocation, front: false);

    public void PutBack(Invocation invocation) => Add(invocation, front: true);

    public bool Remove(Invocation invocation)
    {
        lock (_gate)
        {
            return _items.Remove(invocation);
        }
    }

    public List<Invocation> RemoveAll()
    {
        lock (_gate)
        {
            var all = _items.ToList();
            _items.Clear();
            return all;
        }
    }

    public async Task<Invocation> DequeueAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Invocation> waiter;
        LinkedListNode<TaskCompletionSource<Invocation>> node;
        lock (_gate)
        {
            if (_items.First is { } first)
            {
                _items.RemoveFirst();
                return first.Value;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new TaskCompletionSource<Invocation>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                }
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        return await waiter.Task.ConfigureAwait(false);
    }

    private void Add(Invocation invocation, bool front)
    {
        lock (_gate)
        {
            while (_waiters.First is { } waiter)
            {
                _waiters.RemoveFirst();
                if (waiter.Value.TrySetResult(invocation))
                {
                    return;
                }
            }

            if (front)
            {
                _items.AddFirst(invocation);
            }
            else
            {
                _items.AddLast(invocation);
            }
        }
    }
}
