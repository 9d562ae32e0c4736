using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
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
/// <para>
/// The screens are a harness, not the product: 5,000 of them share the 2 cores with the Api, so they are made as cheap
/// as they honestly can be (<see cref="RawScreen"/>): each is its own TCP connection and WebSocket, receives every byte
/// of every frame, and counts every message and every EscalationRaised in it. <c>--screen-client websocket</c> runs
/// the earlier screens (<see cref="ClientWebSocket"/>) instead. The bench process (not the Api it starts) runs its
/// socket completions inline on the epoll threads (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, set before
/// its first socket and removed from the Api's environment, see <see cref="ApiProcess.BenchOnlyEnvironment"/>);
/// <c>--no-inline-completions</c> leaves it off.
/// </para>
/// <para>
/// <c>--warmup</c> runs one more round per phase and reports the phase twice: its first 15 rounds (as without the flag,
/// cold) and its last 15 (after one unmeasured warm-up round). Each phase also reports the CPU time (user+system, from
/// /proc) the Api and the bench process used from the screens being connected to the row being printed, and the size
/// and frames of the WebSocket messages that carried escalations.
/// </para>
/// </summary>
internal static class LiveBench
{
    private const int Rounds = 15;
    private const int EscalationsPerRound = 10;
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static async Task<string> RunAsync(BenchOptions options, int[] clientCounts)
    {
        var args = Environment.GetCommandLineArgs();
        var raw = !args.SkipWhile(a => a != "--screen-client").Skip(1).Take(1).Contains("websocket");
        var warmup = args.Contains("--warmup");
        var dump = args.SkipWhile(a => a != "--dump").Skip(1).FirstOrDefault();
        var perRound = args.Contains("--per-round");
        if (!args.Contains("--no-inline-completions"))
        {
            // Read once, when this process's socket engine starts (its first socket is below): the screens' receive
            // continuations then run on the epoll threads instead of hopping to the thread pool. The Api does not inherit it.
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }

        var rounds = Rounds + (warmup ? 1 : 0);
        Console.WriteLine($"screens: {(raw ? "raw socket" : "ClientWebSocket")}; inline completions in the bench: {Environment.GetEnvironmentVariable(InlineCompletions) == "1"}; warm-up round: {warmup}");
        await using var api = await ApiProcess.StartAsync(options, "Jobs:RunInApi=true", "Jobs:SweepDeadlinesJob:Cron=0/1 * * * * ?");
        if (File.ReadAllText($"/proc/{api.ProcessId}/environ").Split('\0').Any(v => v.StartsWith(InlineCompletions + "=", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The Api must not run with the bench's socket setting.");
        }

        DapperSetup.Configure();
        var intake = await IntakeClient.CreateAsync(api.BaseUrl, 4);
        var needed = clientCounts.Length * rounds * EscalationsPerRound;
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
            var screens = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
                raw ? (Screen)await RawScreen.ConnectAsync(api.BaseUrl, cookie) : await WebSocketScreen.ConnectAsync(api.BaseUrl, cookie)));
            Console.WriteLine($"{count} screens connected");
            if (dump is not null)
            {
                screens[0].DumpTo = dump;
            }

            var benchPauses = new TimeSpan[rounds + 1];
            var started = Stopwatch.GetTimestamp();
            var apiCpu = CpuSeconds(api.ProcessId);
            var benchCpu = CpuSeconds(Environment.ProcessId);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var screen in screens)
                {
                    screen.Round = round;
                }

                benchPauses[round] = GC.GetTotalPauseDuration();
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

            benchPauses[rounds] = GC.GetTotalPauseDuration();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            apiCpu = CpuSeconds(api.ProcessId) - apiCpu;
            benchCpu = CpuSeconds(Environment.ProcessId) - benchCpu;
            var delivered = screens.Sum(s => s.Messages);
            var carrying = screens.Sum(s => s.RaisedMessages);
            var size = carrying == 0 ? "" : $"{screens.Sum(s => s.RaisedMessageBytes) / (double)carrying:N0} B in {screens.Sum(s => s.RaisedMessageFrames) / (double)carrying:F2} {(raw ? "frames" : "receives")}";
            var tail = $"{delivered / seconds:N0} | {apiCpu:F2} | {benchCpu:F2} | {seconds:F1} | {size} |";
            rows.Add(Row(count, warmup ? "first 15 rounds (cold)" : "15 rounds", screens, 0, Rounds) + tail);
            if (warmup)
            {
                rows.Add(Row(count, "last 15 rounds (after a warm-up round)", screens, 1, rounds) + tail);
            }

            Console.WriteLine(string.Join("\n", rows.TakeLast(warmup ? 2 : 1)));
            if (perRound)
            {
                Console.WriteLine(PerRound(screens, benchPauses));
            }

            await Task.WhenAll(screens.Select(s => s.DisposeAsync().AsTask()));
        }

        return $"""
            | screens | rounds | deliveries | missing | min ms | p50 ms | p95 ms | p99 ms | max ms | messages/s pushed | Api CPU s | bench CPU s | wall s | WebSocket message with escalations (mean) |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join("\n", rows)}
            """;
    }

    /// <summary>The latencies of rounds [from, to) of every screen; CPU, rate and sizes are the whole phase's.</summary>
    private static string Row(int count, string rounds, Screen[] screens, int from, int to)
    {
        var latencies = screens.SelectMany(s => s.Latencies).Where(l => l.Round >= from && l.Round < to).Select(l => l.Ms).Order().ToArray();
        double At(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
        var missing = count * (to - from) * EscalationsPerRound - latencies.Length;
        return $"| {count:N0} | {rounds} | {latencies.Length:N0} | {missing} | {latencies.FirstOrDefault():F1} | {At(0.5):F1} | {At(0.95):F1} | {At(0.99):F1} | {latencies.LastOrDefault():F1} | ";
    }

    /// <summary>
    /// <c>--per-round</c>: each round's fastest, median and slowest delivery, and how long the bench itself was paused
    /// by its garbage collector in that round: a slow round the harness caused is told from one the Api caused.
    /// </summary>
    private static string PerRound(Screen[] screens, TimeSpan[] benchPauses) => string.Join("\n", screens.SelectMany(s => s.Latencies)
        .GroupBy(l => l.Round).OrderBy(g => g.Key)
        .Select(g => (Round: g.Key, Ms: g.Select(l => l.Ms).Order().ToArray()))
        .Select(r => $"  round {r.Round,2}: min {r.Ms[0],6:F1}  p50 {r.Ms[r.Ms.Length / 2],6:F1}  max {r.Ms[^1],6:F1} ms; bench GC pauses {(benchPauses[r.Round + 1] - benchPauses[r.Round]).TotalMilliseconds,5:F1} ms"));

    /// <summary>User + system CPU seconds of a process so far (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
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
    /// What a screen does with what it receives, whatever reads the socket: the SignalR JSON records (0x1E-separated)
    /// are scanned as bytes for each message's <c>seq</c> (every message is counted) and each EscalationRaised's
    /// <c>occurredUtc</c> (when it was raised: its latency). Bytes, not strings: decoding every record would measure the screen more than the push.
    /// </summary>
    private abstract class Screen : IAsyncDisposable
    {
        private static ReadOnlySpan<byte> Seq => "\"seq\":"u8;
        private static ReadOnlySpan<byte> Raised => "\"type\":\"EscalationRaised\""u8;
        private static ReadOnlySpan<byte> RaisedUtc => "\"occurredUtc\":\""u8;

        private int _received;
        private byte[] _record = new byte[16 * 1024];
        private int _recordLength;

        /// <summary>The bench's round, set before each; a latency is filed under the round it was raised in.</summary>
        public volatile int Round;

        /// <summary>Sized for every round up front: 5,000 lists outgrowing their arrays in the same round made the bench collect garbage in the middle of a burst.</summary>
        public List<(int Round, double Ms)> Latencies { get; } = new((Rounds + 1) * EscalationsPerRound);

        public int Received => Volatile.Read(ref _received);

        public long Messages;

        /// <summary>WebSocket messages that carried at least one EscalationRaised, their payload bytes and frames (or reads).</summary>
        public long RaisedMessages, RaisedMessageBytes, RaisedMessageFrames;

        private bool _messageRaised;
        private long _messageBytes, _messageFrames;

        /// <summary><c>--dump FILE</c>: the first WebSocket message with escalations that this screen receives is written there.</summary>
        public string? DumpTo;
        private List<byte>? _dump;

        /// <summary>Hands over a piece of a WebSocket message's payload; <paramref name="endOfMessage"/> closes the message.</summary>
        protected void Payload(ReadOnlySpan<byte> data, bool endOfMessage, DateTime now)
        {
            _messageBytes += data.Length;
            _messageFrames++;
            if (DumpTo is not null)
            {
                (_dump ??= []).AddRange(data);
            }

            int end;
            while ((end = data.IndexOf((byte)0x1E)) >= 0)
            {
                if (_recordLength == 0)
                {
                    RecordDone(data[..end], now);
                }
                else
                {
                    Append(data[..end]);
                    RecordDone(_record.AsSpan(0, _recordLength), now);
                    _recordLength = 0;
                }

                data = data[(end + 1)..];
            }

            Append(data);
            if (endOfMessage)
            {
                if (_messageRaised)
                {
                    RaisedMessages++;
                    RaisedMessageBytes += _messageBytes;
                    RaisedMessageFrames += _messageFrames;
                    if (DumpTo is not null && _dump is not null)
                    {
                        File.WriteAllBytes(DumpTo, [.. _dump]);
                        DumpTo = null;
                    }
                }

                _dump?.Clear();

                _messageRaised = false;
                _messageBytes = _messageFrames = 0;
            }
        }

        /// <summary>A complete record that is a SignalR ping: answered by a subclass that can send.</summary>
        protected virtual void Ping()
        {
        }

        private void Append(ReadOnlySpan<byte> data)
        {
            if (_recordLength + data.Length > _record.Length)
            {
                Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + data.Length));
            }

            data.CopyTo(_record.AsSpan(_recordLength));
            _recordLength += data.Length;
        }

        private void RecordDone(ReadOnlySpan<byte> record, DateTime now)
        {
            if (record.SequenceEqual("{\"type\":6}"u8))
            {
                Ping();
                return;
            }

            // Every message starts with its seq; an EscalationRaised message's occurredUtc (after its type) is when it was raised.
            for (var rest = record; rest.IndexOf(Seq) is var s and >= 0; rest = rest[(s + Seq.Length)..])
            {
                Interlocked.Increment(ref Messages);
            }

            var round = Round;
            Span<char> text = stackalloc char[64];
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
                var raised = DateTime.Parse(text[..Encoding.UTF8.GetChars(value, text)], null, System.Globalization.DateTimeStyles.AdjustToUniversal);
                Latencies.Add((round, (now - raised).TotalMilliseconds));
                _messageRaised = true;
                Interlocked.Increment(ref _received);
                rest = rest[(at + RaisedUtc.Length)..];
            }
        }

        public abstract ValueTask DisposeAsync();
    }

    /// <summary>The earlier screen: .NET's <see cref="ClientWebSocket"/> (it validates every text frame as UTF-8).</summary>
    private sealed class WebSocketScreen : Screen
    {
        private readonly ClientWebSocket _socket;
        private readonly Task _loop;
        private readonly CancellationTokenSource _stop = new();

        private WebSocketScreen(ClientWebSocket socket)
        {
            _socket = socket;
            _loop = Task.Run(ReceiveAsync);
        }

        public static async Task<WebSocketScreen> ConnectAsync(string baseUrl, string cookie)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Cookie", cookie);
            await socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/live"), CancellationToken.None);
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
            return new WebSocketScreen(socket);
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    Payload(buffer.AsSpan(0, result.Count), result.EndOfMessage, DateTime.UtcNow);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // closed
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _socket.Dispose();
            _stop.Dispose();
        }
    }

    /// <summary>
    /// A minimal WebSocket client (RFC 6455) over a raw <see cref="Socket"/>: the HTTP upgrade with its key and the
    /// server's Sec-WebSocket-Accept checked, then frames parsed by hand. Server frames must be unmasked; text, binary
    /// and continuation frames go byte for byte to <see cref="Screen.Payload"/> (a message's end is its FIN bit), a ping
    /// is answered with a pong, a close ends the screen. What it sends (the SignalR handshake, pongs, and a SignalR ping
    /// for each of the server's, so an idle screen is not timed out) is masked as a client must. It skips what
    /// <see cref="ClientWebSocket"/> adds on top: UTF-8 validation, per-receive state machine and a thread-pool hop per read.
    /// </summary>
    private sealed class RawScreen : Screen
    {
        private static readonly byte[] SignalRPing = "{\"type\":6}\u001e"u8.ToArray();
        private readonly Socket _socket;
        private readonly Task _loop;
        private readonly CancellationTokenSource _stop = new();
        private byte[] _buffer;
        private int _filled;

        private RawScreen(Socket socket, byte[] buffer, int filled)
        {
            _socket = socket;
            _buffer = buffer;
            _filled = filled;
            _loop = ReceiveAsync();
        }

        public static async Task<RawScreen> ConnectAsync(string baseUrl, string cookie)
        {
            var uri = new Uri(baseUrl);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(uri.Host, uri.Port);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            await SendAllAsync(socket, Encoding.ASCII.GetBytes(
                $"GET /hubs/live HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nCookie: {cookie}\r\n\r\n"));

            var buffer = new byte[64 * 1024];
            var filled = 0;
            int headerEnd;
            while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                if (n == 0 || filled + n == buffer.Length)
                {
                    throw new InvalidOperationException("The WebSocket upgrade got no complete answer.");
                }

                filled += n;
            }

            var lines = Encoding.ASCII.GetString(buffer, 0, headerEnd).Split("\r\n");
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            if (!lines[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal)
                || !lines.Any(l => l.StartsWith("Sec-WebSocket-Accept:", StringComparison.OrdinalIgnoreCase) && l[21..].Trim() == accept))
            {
                throw new InvalidOperationException("The WebSocket upgrade was refused: " + lines[0]);
            }

            filled -= headerEnd + 4;
            buffer.AsSpan(headerEnd + 4, filled).CopyTo(buffer);
            await SendAllAsync(socket, ClientFrame(0x1, "{\"protocol\":\"json\",\"version\":1}\u001e"u8));
            return new RawScreen(socket, buffer, filled);
        }

        /// <summary>One final client frame, masked; only the short payloads a screen sends (under 126 bytes).</summary>
        private static byte[] ClientFrame(byte opcode, ReadOnlySpan<byte> payload)
        {
            if (payload.Length > 125)
            {
                throw new ArgumentOutOfRangeException(nameof(payload));
            }

            var frame = new byte[6 + payload.Length];
            frame[0] = (byte)(0x80 | opcode);
            frame[1] = (byte)(0x80 | payload.Length);
            RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
            for (var i = 0; i < payload.Length; i++)
            {
                frame[6 + i] = (byte)(payload[i] ^ frame[2 + (i & 3)]);
            }

            return frame;
        }

        private static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
        {
            while (!data.IsEmpty)
            {
                data = data[await socket.SendAsync(data, SocketFlags.None)..];
            }
        }

        private readonly List<byte[]> _outgoing = [];

        protected override void Ping() => _outgoing.Add(ClientFrame(0x1, SignalRPing));

        private async Task ReceiveAsync()
        {
            await Task.Yield();
            try
            {
                while (true)
                {
                    var now = DateTime.UtcNow;
                    var used = Frames(_buffer.AsSpan(0, _filled), now, out var closed);
                    _buffer.AsSpan(used, _filled - used).CopyTo(_buffer);
                    _filled -= used;
                    foreach (var frame in _outgoing)
                    {
                        await SendAllAsync(_socket, frame);
                    }

                    _outgoing.Clear();
                    if (closed)
                    {
                        return;
                    }

                    if (_filled == _buffer.Length)
                    {
                        Array.Resize(ref _buffer, _buffer.Length * 2);
                    }

                    var n = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    _filled += n;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // closed
            }
        }

        /// <summary>Handles every complete frame at the start of <paramref name="data"/>; returns the bytes used.</summary>
        private int Frames(ReadOnlySpan<byte> data, DateTime now, out bool closed)
        {
            closed = false;
            var used = 0;
            while (data.Length - used >= 2)
            {
                var frame = data[used..];
                var fin = (frame[0] & 0x80) != 0;
                var opcode = frame[0] & 0x0F;
                if ((frame[1] & 0x80) != 0)
                {
                    throw new InvalidOperationException("A server frame must not be masked.");
                }

                long length = frame[1] & 0x7F;
                var header = 2;
                if (length == 126)
                {
                    if (frame.Length < 4)
                    {
                        break;
                    }

                    length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(frame[2..]);
                    header = 4;
                }
                else if (length == 127)
                {
                    if (frame.Length < 10)
                    {
                        break;
                    }

                    length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(frame[2..]);
                    header = 10;
                }

                if (frame.Length < header + length)
                {
                    break; // the rest of the frame is still on its way
                }

                var payload = frame.Slice(header, (int)length);
                used += header + (int)length;
                switch (opcode)
                {
                    case 0x0 or 0x1 or 0x2: // continuation, text, binary: all of it reaches the screen
                        Payload(payload, fin, now);
                        break;
                    case 0x8: // close
                        closed = true;
                        return used;
                    case 0x9: // ping: answer with a pong carrying the same data
                        _outgoing.Add(ClientFrame(0xA, payload));
                        break;
                    case 0xA: // pong
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown WebSocket opcode {opcode}.");
                }
            }

            return used;
        }

        public override async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}
