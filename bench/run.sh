#!/usr/bin/env bash
# Runs a benchmark suite (BenchmarkDotNet, Release) and keeps its GitHub-markdown report as
#   bench/results/<date>-<git short sha>-<suite>.md
#   bench/run.sh verification        whole signature verifications: hub fast path vs SignedXml
#   bench/run.sh canonicalization    one Reference digest: XmlCanonicalizer vs SignedXml's transforms
#   bench/run.sh load [--warmup N] [--seconds S] [--pin pinned|unpinned|both] ...
#                                    the Release hub over HTTPS with client certificates (bench/Hub.Load, not BenchmarkDotNet)
# Extra arguments go to BenchmarkDotNet (for example: --job short). The IPPC sample ePhyto is looked up in
# shared/reference/ephyto/ beside an ancestor of the repository, or taken from EPHYTO_SAMPLE.
set -euo pipefail
cd "$(dirname "$0")/.."
suite="${1:-verification}"
shift || true
case "$suite" in
  load)
    dotnet build -c Release Hub.Service
    dotnet build -c Release bench/Hub.Load
    target="bench/results/$(date -u +%Y-%m-%d)-$(git rev-parse --short HEAD)-load.md"
    exec dotnet bench/Hub.Load/bin/Release/net10.0/Hub.Load.dll --report "$target" --command "bench/run.sh load${*:+ $*}" "$@" ;;
  verification) class=VerificationBenchmarks; title="Signature verification: hub fast path vs SignedXml (one thread; verifications/s = 1 s / Mean)" ;;
  canonicalization) class=CanonicalizationBenchmarks; title="Canonicalization: XmlCanonicalizer vs SignedXml's transforms (one Reference digest)" ;;
  *) echo "usage: bench/run.sh [verification|canonicalization] [BenchmarkDotNet arguments...] | bench/run.sh load [Hub.Load arguments...]" >&2; exit 2 ;;
esac
artifacts=bench/results/tmp
rm -rf "$artifacts"
dotnet run -c Release --project bench/Hub.Bench -- --filter "*${class}*" --artifacts "$artifacts" "$@"

report=$(find "$artifacts/results" -name "*${class}-report-github.md" | head -n 1)
if [ -z "$report" ]; then
  echo "no BenchmarkDotNet report in $artifacts/results" >&2
  exit 1
fi
sha=$(git rev-parse --short HEAD)
dirty=$(git status --porcelain -- Hub.Service bench | grep -q . && echo " (with uncommitted changes)" || true)
target="bench/results/$(date -u +%Y-%m-%d)-${sha}-${suite}.md"
mkdir -p bench/results
{
  echo "# ${title}"
  echo
  echo "Commit ${sha}${dirty}, $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/run.sh ${suite}${*:+ $*}\`, $(nproc) cores."
  echo "Documents: ePhyto-25KB (the IPPC sample with each attachment cut to one base64 line, ~900 nodes), ePhyto-220KB"
  echo "(the sample), ePhyto-1MB (trade line items repeated); signed RSA-SHA256, exclusive C14N, certificate in KeyInfo."
  echo
  cat "$report"
} > "$target"
echo "report: $target"
