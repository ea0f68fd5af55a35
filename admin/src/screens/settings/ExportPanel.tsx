import { apiBase } from '../../api.js';

const downloads = [
  {
    format: 'masthead',
    label: 'Masthead export (.tar.gz)',
    hint: 'Everything, to restore with `masthead import masthead` on another installation.',
  },
  {
    format: 'ghost',
    label: 'Ghost export (.tar.gz)',
    hint: 'For Ghost 5.x: the content JSON, the images under content/images/ and members.csv.',
  },
  {
    format: 'ghost-json',
    label: 'Ghost JSON only',
    hint: 'The content alone, for Ghost’s Settings → Import content.',
  },
] as const;

/**
 * The whole newsroom as a download (owner only; the server checks). Plain links: the browser
 * streams the file to disk, so a large newsroom never passes through the page's memory.
 */
export function ExportPanel() {
  return (
    <section className="services-panel export-panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export the newsroom</h2>
      <p className="hint">
        Each file holds every member’s email address: keep it as safely as the database. Every
        download is recorded in the audit log. Staff passwords and other secrets are never in it.
      </p>
      <ul className="export-list">
        {downloads.map((d) => (
          <li key={d.format}>
            <a className="button" href={`${apiBase}/export?format=${d.format}`} download>
              {d.label}
            </a>{' '}
            <span className="hint">{d.hint}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
