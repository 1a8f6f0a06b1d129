namespace Hub.Load;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "--floor-server")
        {
            if (args.Length != 3 || !int.TryParse(args[1], out var port))
            {
                Console.Error.WriteLine("usage: Hub.Load --floor-server PORT CERTDIR");
                return 2;
            }
            return await FloorServer.RunAsync(port, args[2]);
        }
        return await Driver.RunAsync(args);
    }
}
