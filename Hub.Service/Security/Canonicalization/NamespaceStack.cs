namespace Hub.Service.Security.Canonicalization;

/// <summary>
/// Prefix → namespace bindings, one frame per open element, innermost last. The default namespace has the prefix "";
/// an undeclared default namespace is the empty URI. Used twice by the canonicalizer: for the bindings in scope (what
/// the document says) and, in exclusive C14N, for the bindings already rendered by output ancestors.
/// </summary>
internal sealed class NamespaceStack
{
    private string[] _prefixes = new string[16];
    private string[] _uris = new string[16];
    private int[] _frames = new int[16];
    private int _count;
    private int _depth;

    /// <summary>The innermost binding of <paramref name="prefix"/>: "" for an unbound default, null for an unbound prefix.</summary>
    public string? Lookup(string prefix)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (Same(_prefixes[i], prefix))
            {
                return _uris[i];
            }
        }

        return prefix.Length == 0 ? string.Empty : null;
    }

    public void PushFrame()
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _depth * 2);
        }

        _frames[_depth++] = _count;
    }

    /// <summary>Adds a binding to the current (innermost) frame.</summary>
    public void Add(string prefix, string uri)
    {
        if (_count == _prefixes.Length)
        {
            Array.Resize(ref _prefixes, _count * 2);
            Array.Resize(ref _uris, _count * 2);
        }

        _prefixes[_count] = prefix;
        _uris[_count] = uri;
        _count++;
    }

    public void PopFrame()
    {
        var start = _frames[--_depth];
        Array.Clear(_prefixes, start, _count - start);
        Array.Clear(_uris, start, _count - start);
        _count = start;
    }

    /// <summary>Ordinal equality; names from one document's name table are usually the same instance.</summary>
    public static bool Same(string a, string b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);
}
