import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import {
  parseAndResolve,
  suggestCommand,
  type CommandContext,
  type CommandError,
  type ResolvedCommand,
} from '../../../src-shared/domain/commandLine';
import { useRemote } from '../../app/RemoteContext';
import { ShortcutKey } from '../../app/ShortcutKey';
import { useListNavigation } from '../../app/useListNavigation';
import { runTask } from '../../store/errors/errorStore';
import { incidentSelectors, useIncidentStore } from '../../store/incidents/incidentStore';
import { useDispatchStore } from '../../store/dispatch/dispatchStore';
import { useUnitStore } from '../../store/units/unitStore';
import { unitStatusKey } from '../units/unitLabels';

/** The key that focuses the command line. */
export const COMMAND_KEY = 'F8';

async function execute(remote: ReturnType<typeof useRemote>, command: ResolvedCommand): Promise<void> {
  switch (command.kind) {
    case 'dispatch':
      await remote.dispatch.dispatch({ incidentId: command.incidentId, unitIds: [...command.unitIds] });
      return;
    case 'status':
      await remote.unit.setStatus({ unitId: command.unitId, status: command.status });
      return;
    case 'note':
      await remote.incident.append({
        incidentId: command.incidentId,
        change: { type: 'incident.noteAdded', payload: { text: command.text } },
      });
      return;
  }
}

/**
 * The dispatcher's command line (F8): `d <units> <incident>`, `s <unit> <status>`, `n <incident> <text>`,
 * with autocomplete from the roster and the open incidents (↑/↓, Tab to accept), Enter to run.
 */
export function CommandBar() {
  const { t } = useTranslation();
  const remote = useRemote();
  const input = useRef<HTMLInputElement>(null);
  const focusSignal = useDispatchStore((state) => state.commandFocus);
  const units = useUnitStore((state) => state.units);
  const incidents = useIncidentStore(useShallow(incidentSelectors.openQueue));
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: CommandError } | null>(null);
  const [open, setOpen] = useState(false);
  // Counts edits, so a command that completes after the dispatcher typed the next one leaves that line alone.
  const edits = useRef(0);

  useEffect(() => {
    if (focusSignal > 0) input.current?.focus();
  }, [focusSignal]);

  const context: CommandContext = useMemo(
    () => ({
      units: Object.values(units),
      incidents: incidents.map((incident) => ({ id: incident.id, number: incident.number })),
    }),
    [units, incidents],
  );
  const suggestions = useMemo(() => (open ? suggestCommand(text, context) : []), [open, text, context]);
  const navigation = useListNavigation(suggestions);

  const run = (): void => {
    const resolved = parseAndResolve(text, context);
    if (!resolved.ok) {
      setResult(resolved);
      return;
    }
    const editAtRun = edits.current;
    runTask(
      execute(remote, resolved.value).then(() => {
        if (edits.current !== editAtRun) return;
        setText('');
        setResult({ ok: true });
      }),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (navigation.onArrowKey(event)) return;
    const highlighted = navigation.highlighted;
    if (event.key === 'Tab' && !event.shiftKey && highlighted) {
      event.preventDefault();
      edits.current += 1;
      setText(highlighted.text);
      navigation.reset();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter runs a complete line; on an incomplete one it takes the highlighted proposal.
      if (!parseAndResolve(text, context).ok && highlighted && !/\s$/.test(text)) {
        setText(highlighted.text);
        navigation.reset();
      } else run();
    } else if (event.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  };

  const labelOf = (suggestion: (typeof suggestions)[number]): string =>
    suggestion.kind === 'status'
      ? `${suggestion.label} · ${t(unitStatusKey(suggestion.value as Parameters<typeof unitStatusKey>[0]))}`
      : suggestion.label;

  return (
    <div className="command-bar" data-testid="command-bar">
      <label htmlFor="command-line">
        <ShortcutKey keys={COMMAND_KEY} /> {t('commandLine.label')}
      </label>
      <input
        id="command-line"
        ref={input}
        value={text}
        dir="auto"
        translate="no"
        autoComplete="off"
        role="combobox"
        aria-expanded={suggestions.length > 0}
        aria-controls="command-suggestions"
        placeholder={t('commandLine.placeholder')}
        data-testid="command-input"
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          edits.current += 1;
          setText(event.target.value);
          setResult(null);
          navigation.reset();
        }}
        onKeyDown={onKeyDown}
      />
      {suggestions.length > 0 && (
        <ul id="command-suggestions" className="command-suggestions" role="listbox" data-testid="command-suggestions">
          {suggestions.map((suggestion, index) => (
            <li
              key={`${suggestion.kind}-${suggestion.value}`}
              role="option"
              aria-selected={index === navigation.highlight}
              onMouseDown={(event) => {
                event.preventDefault();
                setText(suggestion.text);
              }}
            >
              <bdi translate="no">{labelOf(suggestion)}</bdi>
            </li>
          ))}
        </ul>
      )}
      <span className="command-result" role="status" data-testid="command-result">
        {result?.ok === true && t('commandLine.done')}
        {result?.ok === false && (
          <span className="command-result-error">
            {t(`commandLine.error.${result.error.code}`, { detail: result.error.detail })}
          </span>
        )}
        {result === null && (
          <span className="option-meta">
            <Trans i18nKey="commandLine.hint" components={{ kbd: <kbd translate="no" dir="ltr" /> }} />
          </span>
        )}
      </span>
    </div>
  );
}
