import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useListNavigation } from '../../app/useListNavigation';
import { currentLanguage } from '../../i18n';
import { localized, useTaxonomyStore } from '../../store/taxonomy/taxonomyStore';

const MAX_OPTIONS = 8;

/**
 * Incident type combobox: typing in any UI language (or colloquial Iraqi words) narrows the list;
 * arrows move, Enter picks. Shows the chosen type's name when not being searched.
 */
export function TypePicker(props: {
  inputId: string;
  value: string | null;
  invalid: boolean;
  describedBy?: string;
  onChange: (typeCode: string) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const taxonomy = useTaxonomyStore((state) => state.taxonomy);
  const typeSearch = useTaxonomyStore((state) => state.typeSearch);
  const [query, setQuery] = useState<string | null>(null);
  const listId = useId();

  const selected = taxonomy?.types.find((type) => type.code === props.value);
  const hits = useMemo(
    () => (query && typeSearch ? typeSearch.search(query, MAX_OPTIONS).map((hit) => hit.type) : []),
    [query, typeSearch],
  );
  const open = query !== null && hits.length > 0;
  const navigation = useListNavigation(hits);
  const highlight = navigation.highlight;
  const categoryName = (code: string): string =>
    localized(taxonomy?.categories.find((category) => category.code === code)?.name, language, code);

  const pick = (code: string): void => {
    props.onChange(code);
    setQuery(null);
    navigation.reset();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (navigation.onArrowKey(event)) return;
    if (event.key === 'Enter' && open) {
      event.preventDefault();
      if (navigation.highlighted) pick(navigation.highlighted.code);
    } else if (event.key === 'Escape' && query !== null) {
      event.preventDefault();
      setQuery(null);
    }
  };

  return (
    <div className="combobox">
      <input
        id={props.inputId}
        className="field-input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        aria-activedescendant={open ? `${listId}-${String(highlight)}` : undefined}
        autoComplete="off"
        placeholder={t('intake.typePlaceholder')}
        data-testid="type-picker"
        value={query ?? (selected ? localized(selected.name, language, selected.code) : '')}
        onChange={(event) => {
          setQuery(event.target.value);
          navigation.reset();
        }}
        onFocus={(event) => event.target.select()}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="combobox-list" id={listId} role="listbox">
          {hits.map((type, index) => (
            <li
              key={type.code}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === highlight}
              data-testid={`type-option-${type.code}`}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(type.code);
              }}
            >
              <span className={`priority-dot priority-${String(type.defaultPriority)}`} aria-hidden="true" />
              <span className="option-name">{localized(type.name, language, type.code)}</span>
              <span className="option-meta">{categoryName(type.category)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
