using System.Runtime.CompilerServices;

// The diagnosis tests run the evaluator and the report writer of `eksops eval` on their own scenarios.
[assembly: InternalsVisibleTo("EksOps.Diagnosis.Tests")]
