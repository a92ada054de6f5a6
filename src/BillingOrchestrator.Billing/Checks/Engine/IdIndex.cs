namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// Record id to position in the snapshot's list: a dense array when ids are compact (as ConnectWise ids usually are),
/// a dictionary otherwise. A repeated id keeps its first position.
/// </summary>
internal sealed class IdIndex
{
    private const int DenseSlack = 1024;

    private readonly int _min;
    private readonly int[]? _dense;
    private readonly Dictionary<int, int>? _sparse;

    private IdIndex(int min, int[]? dense, Dictionary<int, int>? sparse)
    {
        _min = min;
        _dense = dense;
        _sparse = sparse;
    }

    public static IdIndex Build<T>(IReadOnlyList<T> items, Func<T, int> id)
    {
        if (items.Count == 0)
        {
            return new IdIndex(0, [], null);
        }

        int min = int.MaxValue, max = int.MinValue;
        for (var i = 0; i < items.Count; i++)
        {
            var value = id(items[i]);
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        var span = (long)max - min + 1;
        if (span <= (4L * items.Count) + DenseSlack)
        {
            var dense = new int[span];
            Array.Fill(dense, -1);
            for (var i = 0; i < items.Count; i++)
            {
                ref var slot = ref dense[id(items[i]) - min];
                if (slot < 0)
                {
                    slot = i;
                }
            }

            return new IdIndex(min, dense, null);
        }

        var sparse = new Dictionary<int, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            sparse.TryAdd(id(items[i]), i);
        }

        return new IdIndex(0, null, sparse);
    }

    /// <summary>The position of <paramref name="id"/>, or -1.</summary>
    public int Find(int id)
    {
        if (_dense is not null)
        {
            var offset = (long)id - _min;
            return offset >= 0 && offset < _dense.Length ? _dense[offset] : -1;
        }

        return _sparse!.TryGetValue(id, out var index) ? index : -1;
    }
}
