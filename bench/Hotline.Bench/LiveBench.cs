using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Dapper;
using Hotline.Core.Data;
using Microsoft.Data.Sqlite;

namespace Hotline.Bench;

/// <summary>
/// Escalations pushed live: the Api (embedded default, the deadline sweep inside it every second) with N supervisor
/// screens connected to /hubs/live over real WebSockets on loopback. Each round makes a batch of tickets cross their
/// yellow sign threshold; the sweep raises the escalations and each is pushed to every screen. Latency is measured
/// from the sweep's clock reading (taken before its transaction, so it includes the sweep's own work and the commit)
/// to the moment a screen has the message.
/// </summary>
internal static class LiveBench
{
    private const int Rounds = 15;
    private const int EscalationsPerRound = 10;

    public static async Task<string> RunAsync(BenchOptions options, int[] clientCounts)
    {
        await using var api = await ApiProcess.StartAsync(options, "Jobs:RunInApi=true", "Jobs:SweepDeadlinesJob:Cron=0/1 * * * * ?");
        DapperSetup.Configure();
        var intake = await IntakeClient.CreateAsync(api.BaseUrl, 4);
        var needed = clientCounts.Length * Rounds * EscalationsPerRound;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async a =>
        {
            for (var i = a; i < needed * 2; i += 4)
            {
                await intake.RegisterAndDispatchAsync(a, Stopwatch.GetTimestamp());
            }
        }));

        await using var db = new SqliteConnection($"Data Source={api.DatabaseFile};Default Timeout=30");
        await db.OpenAsync();
        var pendingSign = (await db.QueryAsync<long>("SELECT Id FROM Ticket WHERE Status = 'PendingSign' ORDER BY Id")).ToList();
        if (pendingSign.Count < needed)
        {
            throw new InvalidOperationException($"Only {pendingSign.Count} tickets wait for signing; {needed} needed.");
        }

        var cookie = await SupervisorCookieAsync(api.BaseUrl);
        var rows = new List<string>();
        var next = 0;
        foreach (var count in clientCounts)
        {
            var screens = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Screen.ConnectAsync(api.BaseUrl, cookie)));
            Console.WriteLine($"{count} screens connected");
            var started = Stopwatch.GetTimestamp();
            for (var round = 0; round < Rounds; round++)
            {
                var batch = pendingSign.Skip(next).Take(EscalationsPerRound).ToList();
                next += batch.Count;
                // The yellow threshold passes in a moment: the next sweep tick raises one escalation per ticket.
                await db.ExecuteAsync("UPDATE Ticket SET SignWarnUtc = @At WHERE Id IN @Ids", new { At = DateTime.UtcNow.AddMilliseconds(300), Ids = batch });
                var expected = (round + 1) * EscalationsPerRound;
                var deadline = Stopwatch.GetTimestamp() + 20 * Stopwatch.Frequency;
                while (screens.Any(s => s.Received < expected) && Stopwatch.GetTimestamp() < deadline)
                {
                    await Task.Delay(20);
                }
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var latencies = screens.SelectMany(s => s.Latencies).Order().ToArray();
            var delivered = screens.Sum(s => s.Messages);
            double At(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
            var missing = count * Rounds * EscalationsPerRound - latencies.Length;
            rows.Add($"| {count:N0} | {Rounds * EscalationsPerRound} | {latencies.Length:N0} | {missing} | {latencies.FirstOrDefault():F1} | {At(0.5):F1} | {At(0.95):F1} | {At(0.99):F1} | {latencies.LastOrDefault():F1} | {delivered / seconds:N0} |");
            Console.WriteLine(rows[^1]);
            await Task.WhenAll(screens.Select(s => s.DisposeAsync().AsTask()));
        }

        return $"""
            | screens | escalations | deliveries | missing | min ms | p50 ms | p95 ms | p99 ms | max ms | messages/s pushed |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join("\n", rows)}
            """;
    }

    private static async Task<string> SupervisorCookieAsync(string baseUrl)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "supervisor", password = "Hotline@12345" });
        if (login.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("Supervisor sign-in failed: " + login.StatusCode);
        }

        return login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hotline.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>
    /// One supervisor screen: a WebSocket speaking the SignalR JSON protocol, timing each EscalationRaised. The hub calls
    /// one client method, <c>Messages</c>, with a feed read's messages in a list: a record can carry several.
    /// </summary>
    private sealed class Screen : IAsyncDisposable
    {
        private static ReadOnlySpan<byte> Seq => "\"seq\":"u8;
        private static ReadOnlySpan<byte> Raised => "\"type\":\"EscalationRaised\""u8;
        private static ReadOnlySpan<byte> RaisedUtc => "\"raisedUtc\":\""u8;
        private readonly ClientWebSocket _socket;
        private readonly Task _loop;
        private readonly CancellationTokenSource _stop = new();

        private Screen(ClientWebSocket socket)
        {
            _socket = socket;
            _loop = Task.Run(ReceiveAsync);
        }

        public List<double> Latencies { get; } = [];

        public int Received => Volatile.Read(ref _received);

        public long Messages;

        private int _received;

        public static async Task<Screen> ConnectAsync(string baseUrl, string cookie)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Cookie", cookie);
            await socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/live"), CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
            return new Screen(socket);
        }

        /// <summary>
        /// Reads the records (0x1E-separated) as bytes: 5,000 screens share the 2 cores with the Api, so a screen that
        /// decoded every frame into strings would measure its own cost more than the push.
        /// </summary>
        private async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            var filled = 0; // bytes of a record not yet complete, kept at the start of the buffer
            try
            {
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    var now = DateTime.UtcNow;
                    filled += result.Count;
                    var start = 0;
                    int end;
                    while ((end = Array.IndexOf(buffer, (byte)0x1E, start, filled - start)) >= 0)
                    {
                        Record(buffer.AsSpan(start, end - start), now);
                        start = end + 1;
                    }

                    buffer.AsSpan(start, filled - start).CopyTo(buffer);
                    filled -= start;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // closed
            }
        }

        private void Record(ReadOnlySpan<byte> record, DateTime now)
        {
            // Every message starts with its seq; an EscalationRaised message's escalation (after its type) has raisedUtc.
            for (var rest = record; rest.IndexOf(Seq) is var s and >= 0; rest = rest[(s + Seq.Length)..])
            {
                Interlocked.Increment(ref Messages);
            }

            for (var rest = record; rest.IndexOf(Raised) is var r and >= 0;)
            {
                rest = rest[(r + Raised.Length)..];
                var at = rest.IndexOf(RaisedUtc);
                if (at < 0)
                {
                    return;
                }

                var value = rest[(at + RaisedUtc.Length)..];
                value = value[..value.IndexOf((byte)'"')];
                var raised = DateTime.Parse(Encoding.UTF8.GetString(value), null, System.Globalization.DateTimeStyles.AdjustToUniversal);
                Latencies.Add((now - raised).TotalMilliseconds);
                Interlocked.Increment(ref _received);
                rest = rest[(at + RaisedUtc.Length)..];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}
