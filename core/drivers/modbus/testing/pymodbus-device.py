"""An independent Modbus device for the driver's tests: Debian's pymodbus.

argv: MODE WHERE, where MODE is
  tcp PORT           Modbus TCP on 127.0.0.1:PORT
  rtu-over-tcp PORT  RTU frames over TCP on 127.0.0.1:PORT (a serial gateway)
  serial PATH        RTU on the serial port PATH (in the tests, one end of a socat pty pair)
A bare PORT means tcp. Serves units 1 and 2 with holding registers 0..1999 (zero-based
addresses): 100-101 hold 123.456 as float32 (ABCD), 102 holds -100 as int16 on unit 1 and
-200 on unit 2, 200 is free for writes. Prints "ready" once listening.
"""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.framer.socket_framer import ModbusSocketFramer
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer


def unit_store(int16_value: int) -> ModbusSlaveContext:
    registers = [0] * 2000
    registers[100:102] = [0x42F6, 0xE979]
    registers[102] = int16_value & 0xFFFF
    return ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, registers), zero_mode=True)


def main() -> None:
    args = sys.argv[1:]
    mode, where = (args[0], args[1]) if len(args) == 2 else ("tcp", args[0])
    context = ModbusServerContext(slaves={1: unit_store(-100), 2: unit_store(-200)}, single=False)

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, lambda: print("ready", flush=True))
        if mode == "serial":
            await StartAsyncSerialServer(context=context, framer=ModbusRtuFramer, port=where, baudrate=19200, parity="N", bytesize=8, stopbits=1, timeout=0.05)
        else:
            framer = ModbusRtuFramer if mode == "rtu-over-tcp" else ModbusSocketFramer
            # Reuse the address: a restart right after a kill finds the old connections in TIME_WAIT.
            await StartAsyncTcpServer(context=context, framer=framer, address=("127.0.0.1", int(where)), allow_reuse_address=True)

    asyncio.run(serve())


if __name__ == "__main__":
    main()
