# Thin wrapper over dotnet, the same steps as build.sh.
#   ./build.ps1          restore and build (Release)
#   ./build.ps1 test     build and run every test (extra arguments go to dotnet test)
#   ./build.ps1 run      run the hub (embedded SQLite; a development setup is created on first run)
param(
    [ValidateSet('build', 'test', 'run')]
    [string]$Command = 'build',
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest = @()
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
switch ($Command) {
    'build' { dotnet build Hub.sln -c Release @Rest }
    'test'  { dotnet test Hub.sln --logger "console;verbosity=normal" @Rest }
    'run'   { dotnet run --project Hub.Service -c Release @Rest }
}
exit $LASTEXITCODE
