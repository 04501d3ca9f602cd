using System.Globalization;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Parses metric math: numbers, query ids, strings, <c>+ - * / ^</c> with the usual precedence, unary minus,
/// parentheses and function calls (<c>SUM(METRICS())</c>, <c>FILL(m1, REPEAT)</c>).
/// </summary>
internal sealed class MathParser
{
    private readonly string _text;
    private int _position;

    private MathParser(string text) => _text = text;

    /// <exception cref="FormatException">The expression is not valid; the message says where.</exception>
    public static MathNode Parse(string text)
    {
        var parser = new MathParser(text);
        var node = parser.Expression();
        parser.SkipSpace();
        return parser._position == text.Length ? node : throw parser.Error($"unexpected '{text[parser._position]}'");
    }

    private MathNode Expression()
    {
        var left = Term();
        while (TryOperator('+', '-') is { } op)
        {
            left = new MathNode.Binary(op, left, Term());
        }

        return left;
    }

    private MathNode Term()
    {
        var left = Unary();
        while (TryOperator('*', '/') is { } op)
        {
            left = new MathNode.Binary(op, left, Unary());
        }

        return left;
    }

    private MathNode Unary()
    {
        if (TryOperator('-') is not null)
        {
            return new MathNode.Negate(Unary());
        }

        if (TryOperator('+') is not null)
        {
            return Unary();
        }

        var operand = Primary();
        return TryOperator('^') is not null ? new MathNode.Binary('^', operand, Unary()) : operand;
    }

    private MathNode Primary()
    {
        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Error("the expression ends too early");
        }

        var c = _text[_position];
        if (c == '(')
        {
            _position++;
            var inner = Expression();
            Expect(')');
            return inner;
        }

        if (c is '"' or '\'')
        {
            var end = _text.IndexOf(c, _position + 1);
            if (end < 0)
            {
                throw Error("a string is not closed");
            }

            var value = _text[(_position + 1)..end];
            _position = end + 1;
            return new MathNode.Text(value);
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
            {
                _position++;
            }

            if (_position < _text.Length && _text[_position] is 'e' or 'E')
            {
                _position++;
                if (_position < _text.Length && _text[_position] is '+' or '-')
                {
                    _position++;
                }

                while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
                {
                    _position++;
                }
            }

            var literal = _text[start.._position];
            return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? new MathNode.Number(number)
                : throw Error($"'{literal}' is not a number");
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            var word = _text[start.._position];
            SkipSpace();
            if (_position < _text.Length && _text[_position] == '(')
            {
                _position++;
                var arguments = new List<MathNode>();
                SkipSpace();
                if (_position < _text.Length && _text[_position] == ')')
                {
                    _position++;
                    return new MathNode.Call(word, arguments);
                }

                arguments.Add(Expression());
                while (TryOperator(',') is not null)
                {
                    arguments.Add(Expression());
                }

                Expect(')');
                return new MathNode.Call(word, arguments);
            }

            if (char.IsAsciiLetterLower(word[0]))
            {
                return new MathNode.Reference(word);
            }

            return word.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch == '_')
                ? new MathNode.Keyword(word)
                : throw Error($"'{word}' is neither a query id (which starts with a lower-case letter) nor a keyword");
        }

        throw Error($"unexpected '{c}'");
    }

    private char? TryOperator(params char[] operators)
    {
        SkipSpace();
        if (_position < _text.Length && operators.Contains(_text[_position]))
        {
            return _text[_position++];
        }

        return null;
    }

    private void Expect(char c)
    {
        if (TryOperator(c) is null)
        {
            throw Error(_position < _text.Length ? $"expected '{c}' but found '{_text[_position]}'" : $"expected '{c}' at the end");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string problem) =>
        new($"{problem} (at character {(_position + 1).ToString(CultureInfo.InvariantCulture)})");
}
