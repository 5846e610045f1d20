#!/usr/bin/env node
// The staff CLI: `complaint <command>`, one module per command under commands/. Tables for people, --json for
// scripts; bad input gets a message that names the field and exit code 2, and changes nothing. The CLI imports
// no web code (what it shares with the web app, such as password hashing, lives beside both in client/).
import { Command } from 'commander';
import { InputError } from '../lib/procedure/validation';
import { addCloseCommands } from './commands/close';
import { addReopenCommand } from './commands/reopen';
import { addCorrectAddressCommand } from './commands/correct-address';
import { addClockCommands } from './commands/clock';
import { addExtendCommand } from './commands/extend';
import { addInterimCommands } from './commands/interim';
import { addJointInquiryCommands } from './commands/joint-inquiry';
import { addHashPasswordCommand } from './commands/hash-password';
import { addHearingCommand } from './commands/hearing';
import { addHolidaysCommand } from './commands/holidays';
import { addImportCommand } from './commands/import';
import { addListCommand } from './commands/list';
import { addPreviewCommand } from './commands/preview';
import { addRecommendCommands } from './commands/recommend';
import { addRecordsCommand } from './commands/records';
import { addReprojectCommand } from './commands/reproject';
import { addAcceptCommand, addReturnCommand } from './commands/review';
import { addShowCommand } from './commands/show';
import { addStaffCommand } from './commands/staff';
import { addStartCommand } from './commands/start';
import { addSummonsCommands } from './commands/summons';
import { addRespondentCommand } from './commands/respondent';
import { addTransferCommand } from './commands/transfer';
import { terminalSafe } from './terminal-safe';

export function buildCli(): Command {
  const program = new Command('complaint')
    .description('Start and steer complaints held to deadlines by the commission')
    .showHelpAfterError();
  // In this order in `complaint --help`.
  addStartCommand(program);
  addPreviewCommand(program);
  addListCommand(program);
  addShowCommand(program);
  addExtendCommand(program);
  addClockCommands(program);
  addInterimCommands(program);
  addCorrectAddressCommand(program);
  addCloseCommands(program);
  addReopenCommand(program);
  addRespondentCommand(program);
  addTransferCommand(program);
  addAcceptCommand(program);
  addReturnCommand(program);
  addHearingCommand(program);
  addSummonsCommands(program);
  addRecommendCommands(program);
  addHolidaysCommand(program);
  addImportCommand(program);
  addReprojectCommand(program);
  addRecordsCommand(program);
  addHashPasswordCommand(program);
  addStaffCommand(program);
  addJointInquiryCommands(program);
  return program;
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      // An error may quote what was given (a case reference, a file's content): terminal-safe too.
      if (err instanceof InputError) {
        console.error(`error: ${terminalSafe(err.message)}`);
        process.exit(2);
      }
      console.error(`error: ${terminalSafe(err instanceof Error ? err.message : String(err))}`);
      process.exit(1);
    });
}
