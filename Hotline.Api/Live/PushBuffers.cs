namespace Hotline.Api.Live;

/// <summary>
/// How many 4 KB buffers the process keeps for reuse: a burst to 5,000 screens writes one record into each
/// connection's SignalR pipe at once, and each pipe takes a 4 KB segment from <c>ArrayPool&lt;byte&gt;.Shared</c> until
/// its WebSocket has sent it. The shared pool keeps 32 arrays of a size per core by default, so almost every segment
/// was a new array: zeroed, page-faulted in, collected (perf: a third of the Api's samples in the group send were the
/// memset and page faults of fresh memory). With room for 4,096 per core (16 MB of 4 KB arrays on each of 2 cores; the
/// pool trims arrays unused for a minute), the next burst reuses the last one's. The runtime reads this variable
/// once, when the pool is first used, so <see cref="Configure"/> must run first thing in the process; a deployment
/// that sets the variable itself keeps its own value.
/// </summary>
internal static class PushBuffers
{
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    public const string ArraysPerCore = "4096";

    public static void Configure()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, ArraysPerCore);
        }
    }
}
