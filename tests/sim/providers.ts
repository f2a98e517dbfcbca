import type { SimProviderFactory } from './types';
import { maxotelSim } from './maxotel';
import { yeastarSSim } from './yeastar-s';
import { netsapiensSim } from './netsapiens';
import { kazooSim } from './kazoo';
import { customSim } from './custom';
import { helpdeskeddySim } from './helpdeskeddy';
import { yeastarPSim } from './yeastar-p';
import { threeCxSim } from './3cx';
import { ringcentralSim } from './ringcentral';
import { asteriskAriSim } from './asterisk-ari';
import { freeswitchSim } from './freeswitch';
import { twilioSim } from './twilio';

/** Every simulated provider; one file each in this folder. */
export const SIM_PROVIDERS: SimProviderFactory[] = [
  maxotelSim,
  yeastarSSim,
  netsapiensSim,
  kazooSim,
  customSim,
  helpdeskeddySim,
  yeastarPSim,
  threeCxSim,
  ringcentralSim,
  asteriskAriSim,
  freeswitchSim,
  twilioSim,
];
