namespace BillingOrchestrator.Integrations.ConnectWise;

/// <summary>Reads RFC 8288 <c>Link</c> headers as ConnectWise sends them: <c>&lt;https://...&amp;page=2&gt;; rel="next", &lt;...&gt;; rel="last"</c>.</summary>
internal static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> includes <paramref name="relation"/>, or null.</summary>
    public static string? Find(IEnumerable<string> headerValues, string relation)
    {
        foreach (var header in headerValues)
        {
            var position = 0;
            while (position < header.Length)
            {
                var open = header.IndexOf('<', position);
                if (open < 0)
                {
                    break;
                }

                var close = header.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                var target = header[(open + 1)..close];
                var nextOpen = header.IndexOf('<', close + 1);
                var parameters = nextOpen < 0 ? header[(close + 1)..] : header[(close + 1)..nextOpen];
                if (HasRelation(parameters, relation))
                {
                    return target.Trim();
                }

                position = nextOpen < 0 ? header.Length : nextOpen;
            }
        }

        return null;
    }

    private static bool HasRelation(string parameters, string relation)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parameter[(equals + 1)..].Trim().TrimEnd(',').Trim().Trim('"');
            if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals(relation, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
