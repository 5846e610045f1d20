// `complaint hash-password`: a staff password hashed for STAFF_USERS.
import type { Command } from 'commander';
import { InputError } from '../../lib/procedure/validation';
import { hashPassword } from '../staff-passwords';

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type the password, then Enter and Ctrl-D: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function addHashPasswordCommand(program: Command): void {
  program
    .command('hash-password')
    .description('Hash a staff password for STAFF_USERS (reads it from standard input, or asks for it)')
    .option('--name <name>', 'print a whole STAFF_USERS entry for this user')
    .action(async (opts: { name?: string }) => {
      const password = await readPassword();
      if (password.length < 12)
        throw new InputError('password: must be at least 12 characters', ['password']);
      const hash = hashPassword(password);
      console.log(opts.name ? `${opts.name}:${hash}` : hash);
    });
}
