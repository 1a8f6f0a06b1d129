#!/usr/bin/env bash
# Thin wrapper over dotnet, the same steps as build.ps1.
#   ./build.sh          restore and build (Release)
#   ./build.sh test     build and run every test (extra arguments go to dotnet test)
#   ./build.sh run      run the hub (embedded SQLite; a development setup is created on first run)
set -euo pipefail
cd "$(dirname "$0")"
command="${1:-build}"
shift || true
case "$command" in
  build) dotnet build Hub.sln -c Release "$@" ;;
  test)  dotnet test Hub.sln --logger "console;verbosity=normal" "$@" ;;
  run)   dotnet run --project Hub.Service -c Release "$@" ;;
  *)     echo "usage: ./build.sh [build|test|run] [dotnet arguments...]" >&2; exit 2 ;;
esac
