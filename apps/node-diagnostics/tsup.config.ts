import { defineConfig } from 'tsup';
import { appConfig } from '../../config/tsup-app';

export default defineConfig(appConfig(new URL('./package.json', import.meta.url), { toolList: true }));
