// Whether a message to a complaint failed because its workflow no longer runs: the CLI, the dashboard and the
// officer's page all say "closed" or "no such complaint" on it, and tell it by the SDK's error class and the
// server's failure type or gRPC status, never by an error's text.
import {
  ApplicationFailure,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';

/** The server's failure of an accepted Update whose workflow closed before the Update completed. */
const UPDATE_OUTLIVED_BY_WORKFLOW = 'AcceptedUpdateCompletedWorkflow';
/** gRPC NOT_FOUND (status 5): the workflow execution is closed (completed, terminated, timed out) or gone. */
const GRPC_NOT_FOUND: number = 5;

/** Whether an Update failed because the workflow no longer runs (completed, terminated, timed out, gone). */
export function workflowNotRunning(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  if (err instanceof WorkflowUpdateFailedError)
    return err.cause instanceof ApplicationFailure && err.cause.type === UPDATE_OUTLIVED_BY_WORKFLOW;
  const grpc = isGrpcServiceError(err) ? err : err instanceof Error ? err.cause : undefined;
  return isGrpcServiceError(grpc) && (grpc.code as number) === GRPC_NOT_FOUND;
}
