using System.Runtime.CompilerServices;

// The canonicalization benchmark (bench/Hub.Bench, not part of Hub.sln) measures the internal canonicalizer directly.
[assembly: InternalsVisibleTo("Hub.Bench")]
