/**
 * A private redis-server (Debian's) on a free loopback port, for the tests and the kit benchmark: no persistence,
 * gone when stopped. `startRedis()` answers its URL once it accepts connections.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './free-port.mjs';
import { PACKAGES } from './ensure-packages.mjs';

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis() {
  const port = await freePort();
  const child = spawn(PACKAGES['redis-server'], ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  // The server must not keep its starter alive: the starter's exit stops it.
  child.unref();
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  for (let tries = 0; tries < 100; tries += 1) {
    if (exited) throw new Error('redis-server exited at start');
    if (await answersPing(port)) return { url: `redis://127.0.0.1:${port}`, port, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  stop();
  throw new Error('redis-server did not start');
}
