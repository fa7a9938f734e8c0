/** Where a log line came from: the host itself, or one function invocation. */
export interface LogScope {
  functionName?: string;
  invocationId?: string;
}

/** A line logger; each line carries the function name and invocation id when it has them. */
export interface HostLog {
  info(message: string, scope?: LogScope): void;
  warn(message: string, scope?: LogScope): void;
  error(message: string, error?: unknown, scope?: LogScope): void;
  write(level: string, message: string, scope?: LogScope): void;
}

/**
 * Creates the host's logger writing to `out` (stdout by default), one line per entry:
 * `<ISO time> <level> [<function>] [<invocation id>] <message>`; errors add their stack.
 */
export function createHostLog(out: (line: string) => void = (line) => process.stdout.write(line + '\n')): HostLog {
  const write = (level: string, message: string, scope: LogScope = {}): void => {
    const where = scope.functionName ? ` [${scope.functionName}]${scope.invocationId ? ` [${scope.invocationId}]` : ''}` : ' [host]';
    out(`${new Date().toISOString()} ${level.toUpperCase()}${where} ${message}`);
  };
  return {
    write,
    info: (message, scope) => write('info', message, scope),
    warn: (message, scope) => write('warning', message, scope),
    error: (message, error, scope) => write('error', error === undefined ? message : `${message}: ${describeError(error)}`, scope),
  };
}

/** The message and stack of an error, or its text if it is not an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
