"""An independent Modbus TCP device for the driver's tests: Debian's pymodbus.

argv: port. Serves unit 1 with holding registers 0..1999 (zero-based addresses): 100-101
hold 123.456 as float32 (ABCD), 102 holds -100 as int16, 200 is free for writes. Prints
"ready" once listening.
"""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer


def main() -> None:
    port = int(sys.argv[1])
    registers = [0] * 2000
    registers[100:102] = [0x42F6, 0xE979]
    registers[102] = 0xFF9C
    store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, registers), zero_mode=True)
    context = ModbusServerContext(slaves={1: store}, single=False)

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, lambda: print("ready", flush=True))
        # Reuse the address: a restart right after a kill finds the old connections in TIME_WAIT.
        await StartAsyncTcpServer(context=context, address=("127.0.0.1", port), allow_reuse_address=True)

    asyncio.run(serve())


if __name__ == "__main__":
    main()
