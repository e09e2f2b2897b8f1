// The core as the adapters see it: the only module of src/ they import, besides views/ and i18n/
// (the composition roots, adapters/cli*.ts, excepted). What is not here is the core's business.
export type { Adapter, AdapterDeps, AdapterFactory, Attachment, PostDelivery, Publisher } from './adapter.ts';
export { fold } from './commands/fold.ts';
export { ARGUMENT_MAX, COMMAND_SPECS, type CommandSpec, type OptionSpec } from './commands/grammar.ts';
export { looksLikeArgument } from './commands/thread-reply.ts';
export { cleanUserText } from './commands/user-text.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export type { Clock } from './domain/clock.ts';
export type { Logger } from './domain/logger.ts';
export type { UserError } from './domain/result.ts';
export type { Actor, ChannelScope, Invocation, Language, Side, VoteSide } from './domain/types.ts';
export type { DebateCore } from './engine/core.ts';
export type { ButtonAction, Click, CoreEvent, FormSubmission, ThreadPlace } from './engine/events.ts';
export type { FormRequest, Next, Outcome } from './engine/outcome.ts';
export { BODY_LIMITS } from './http/limits.ts';
export { interactionLive, signedTimeAhead, signedTimeFresh } from './http/replay-window.ts';
export { bodyOf } from './http/request-body.ts';
export type { HttpRoutes, RouteHandler } from './http-routes.ts';
export { eraseExpired } from './installations/retention.ts';
export { openInstallation, resealAll, sealInstallation } from './installations/sealed.ts';
export type { UpdateResult } from './live/coalescer.ts';
export { parseKey, Sealer } from './secrets/sealer.ts';
export { type ShardPlan, shardPlan } from './shards.ts';
export type { InstallationRow, InstallationStore } from './store/ports/installations.ts';
