/**
 * Resource commands: `plinth <resource> <verb>` for the common operations, on the SDK.
 *
 *   projects            list | get <project> | create --name --warehouse --deployment | delete <project>
 *   api-credentials     list | create --name --role | delete <clientId>
 *   agents              list | get <agent> | create -f | delete <agent> | command <agent> RESTART|PAUSE|RESUME
 *   secrets             list | create -f | delete <name>          (hosted secret values; --project or --agent)
 *   secret-references   list | create <name> -f | delete <name>   (--project)
 *   connections         list | get <name> | create -f | update <name> -f | delete <name>   (--project)
 *   environments        list | get <name> | create -f | delete <name>                    (--project)
 *   overrides           list --environment | create -f | update -f | delete --environment --connection  (--project)
 *   repositories        get | associate -f [--token-env VAR]      (--project)
 *
 * `<project>` and `<agent>` are a name or an id. Bodies (`-f`) are the API's request bodies, in
 * JSON or YAML (`-` for stdin). Lists read every page. `--output json|yaml|table`.
 */
import type { Command } from 'commander';
import { agents, apiCredentials, projects } from './commands/account.js';
import { connections, environments, overrides, repositories, secretReferences, secrets } from './commands/project-scoped.js';

/** One command group per resource (commands/); the order is the order of `plinth --help`. */
export function register(program: Command) {
  projects(program);
  apiCredentials(program);
  agents(program);
  secrets(program);
  secretReferences(program);
  connections(program);
  environments(program);
  overrides(program);
  repositories(program);
}
