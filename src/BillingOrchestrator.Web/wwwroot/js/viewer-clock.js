// The viewer's IANA time zone, so the server renders times in the viewer's local time.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
