#nullable enable
using System.IO;
using System.Text;
using UnityEngine;

namespace StaticNet.Unity
{
    /// <summary>
    /// A <see cref="TextWriter"/> that sends each line written to it to Unity's console as one message
    /// (<c>Debug.Log</c>), for the library's text output, which in Unity would go to <c>Console.Out</c> and so to no
    /// window: training progress (<c>new ConsoleProgress(new UnityLogWriter(), inPlace: false)</c>, a message per epoch),
    /// a network's <c>Summary</c>, or everything the game writes to the console (<c>Console.SetOut</c>).
    /// </summary>
    /// <remarks>
    /// A line ends at '\n' (a "\r\n" ending loses its '\r'); blank lines are not sent, and <see cref="Flush"/> sends a
    /// line not yet ended. Several threads may share one writer (a trainer reporting from a worker, the main thread): each
    /// call adds its text under one lock, so a line written by one call (<c>WriteLine(text)</c>, as ConsoleProgress writes)
    /// never mixes with another thread's; <c>Debug.Log</c> may be called from any thread.
    /// </remarks>
    public sealed class UnityLogWriter : TextWriter
    {
        private readonly StringBuilder line = new StringBuilder();

        /// <summary>UTF-8: what Unity's console shows.</summary>
        public override Encoding Encoding => Encoding.UTF8;

        /// <summary>Adds one character; '\n' sends the line.</summary>
        public override void Write(char value)
        {
            lock (line)
            {
                Append(value);
            }
        }

        /// <summary>Adds the text; each '\n' in it sends a line.</summary>
        public override void Write(string? value)
        {
            if (value == null)
            {
                return;
            }

            lock (line)
            {
                Append(value);
            }
        }

        /// <summary>Adds the text and ends the line, in one step.</summary>
        public override void WriteLine(string? value)
        {
            lock (line)
            {
                Append(value ?? "");
                Append('\n');
            }
        }

        /// <summary>Adds <paramref name="count"/> characters from <paramref name="index"/>; each '\n' among them sends a line.</summary>
        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        /// <summary>Sends the line not yet ended, if any.</summary>
        public override void Flush()
        {
            lock (line)
            {
                Send();
            }
        }

        /// <summary>Sends what is left, as <see cref="Flush"/>.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Flush();
            }

            base.Dispose(disposing);
        }

        private void Append(string text)
        {
            foreach (char c in text)
            {
                Append(c);
            }
        }

        private void Append(char value)
        {
            if (value != '\n')
            {
                line.Append(value);
                return;
            }

            if (line.Length > 0 && line[line.Length - 1] == '\r')
            {
                line.Length--;
            }

            Send();
        }

        private void Send()
        {
            if (line.Length > 0)
            {
                Debug.Log(line.ToString());
                line.Clear();
            }
        }
    }
}
