/**
 * The alarm tone: two alternating pitches from WebAudio (no sound file to ship or fail to load),
 * repeated until every emergency is acknowledged.
 */
export function startAlarmTone(): () => void {
  const AudioContextClass = window.AudioContext as typeof AudioContext | undefined;
  if (!AudioContextClass) return () => undefined;
  const context = new AudioContextClass();
  const gain = context.createGain();
  gain.gain.value = 0.15;
  gain.connect(context.destination);
  let high = false;
  const beep = (): void => {
    const oscillator = context.createOscillator();
    oscillator.type = 'square';
    oscillator.frequency.value = high ? 1_200 : 800;
    high = !high;
    oscillator.connect(gain);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.25);
  };
  beep();
  const timer = setInterval(beep, 500);
  return () => {
    clearInterval(timer);
    void context.close();
  };
}
